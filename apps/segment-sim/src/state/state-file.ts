import { Collection } from '../engine/collection';
import { SimState } from './sim-state';
import { Feature, FEATURES, labelKey, pairKey, ruleKey, WorkspaceState } from './workspace-state';
import type * as records from './records';

/** A workspace as plain JSON, secrets unmasked: the simulator's own save format. */
export interface WorkspaceDump {
  id: string;
  slug: string;
  name: string;
  seed: string;
  features: Feature[];
  tokens: Array<{ token: string; tokenId: string; sourceAdmin: boolean }>;
  labels: records.LabelRecord[];
  sources: records.SourceRecord[];
  schemaSettings: Array<{ sourceId: string; settings: records.SchemaSettingsRecord }>;
  destinations: records.DestinationRecord[];
  filters: records.FilterRecord[];
  subscriptions: records.SubscriptionRecord[];
  warehouses: records.WarehouseRecord[];
  warehouseConnections: Array<{ warehouseId: string; sourceIds: string[] }>;
  advancedSyncSchedules: Array<{ warehouseId: string; schedule: records.AdvancedSyncSchedule }>;
  selectiveSyncs: Array<{
    warehouseId: string;
    sourceId: string;
    collections: Array<{ collection: string; enabled: boolean; properties: Record<string, boolean> }>;
  }>;
  trackingPlans: records.TrackingPlanRecord[];
  rules: Array<{ trackingPlanId: string; rules: records.RuleRecord[] }>;
  trackingPlanConnections: Array<{ trackingPlanId: string; sourceIds: string[] }>;
  functions: records.FunctionRecord[];
  transformations: records.TransformationRecord[];
  userGroups: records.UserGroupRecord[];
  users: records.UserRecord[];
  invites: records.InviteRecord[];
  roles: records.RoleRecord[];
  credentials: records.CredentialRecord[];
  reverseEtlModels: records.ReverseEtlModelRecord[];
  insertFunctionInstances: records.InsertFunctionInstanceRecord[];
  auditEvents: records.AuditEventRecord[];
}

export interface SimDump {
  format: 'segment-sim/v1';
  /** The simulator instance the state belongs to: a restarted simulator that loads it is the same instance. */
  instanceId?: string;
  workspaces: WorkspaceDump[];
}

const clone = <T>(value: T): T => structuredClone(value);
const flat = <T>(map: Map<string, Collection<T>>): T[] => [...map.values()].flatMap((c) => c.values());

export function dumpWorkspace(state: SimState, ws: WorkspaceState): WorkspaceDump {
  return clone({
    id: ws.id,
    slug: ws.slug,
    name: ws.name,
    seed: ws.seed,
    features: [...ws.features],
    tokens: state.tokensOf(ws).map(({ token, tokenId, sourceAdmin }) => ({ token, tokenId, sourceAdmin })),
    labels: ws.labels.values(),
    sources: ws.sources.values(),
    schemaSettings: [...ws.schemaSettings].map(([sourceId, settings]) => ({ sourceId, settings })),
    destinations: ws.destinations.values(),
    filters: flat(ws.filters),
    subscriptions: flat(ws.subscriptions),
    warehouses: ws.warehouses.values(),
    warehouseConnections: [...ws.warehouseSources].map(([warehouseId, c]) => ({ warehouseId, sourceIds: c.keyList() })),
    advancedSyncSchedules: [...ws.advancedSyncSchedules].map(([warehouseId, schedule]) => ({ warehouseId, schedule })),
    selectiveSyncs: [...ws.selectiveSyncs].map(([key, sync]) => {
      const [warehouseId, sourceId] = key.split('|') as [string, string];
      return { warehouseId, sourceId, collections: [...sync].map(([collection, s]) => ({ collection, ...s })) };
    }),
    trackingPlans: ws.trackingPlans.values(),
    rules: [...ws.rules].map(([trackingPlanId, c]) => ({ trackingPlanId, rules: c.values() })),
    trackingPlanConnections: [...ws.trackingPlanSources].map(([trackingPlanId, c]) => ({ trackingPlanId, sourceIds: c.keyList() })),
    functions: ws.functions.values(),
    transformations: ws.transformations.values(),
    userGroups: ws.userGroups.values(),
    users: ws.users.values(),
    invites: ws.invites.values(),
    roles: ws.roles.values(),
    credentials: ws.credentials.values(),
    reverseEtlModels: ws.reverseEtlModels.values(),
    insertFunctionInstances: ws.insertFunctionInstances.values(),
    auditEvents: ws.auditEvents,
  });
}

export function dumpAll(state: SimState, instanceId?: string): SimDump {
  return {
    format: 'segment-sim/v1',
    ...(instanceId ? { instanceId } : {}),
    workspaces: [...state.workspaces.values()].map((ws) => dumpWorkspace(state, ws)),
  };
}

export function loadWorkspace(state: SimState, input: WorkspaceDump): WorkspaceState {
  const dump = clone(input);
  // a dump from a simulator that claimed more features keeps only those this one serves
  const features = dump.features.filter((f) => (FEATURES as readonly string[]).includes(f));
  const ws = new WorkspaceState(dump.id, dump.slug, dump.name, dump.seed, features);
  const put = <T>(collection: Collection<T>, items: T[], key: (item: T) => string) =>
    items.forEach((item) => collection.set(key(item), item));
  put(ws.labels, dump.labels, (l) => labelKey(l.key, l.value));
  put(ws.sources, dump.sources, (s) => s.id);
  dump.schemaSettings.forEach(({ sourceId, settings }) => ws.schemaSettings.set(sourceId, settings));
  put(ws.destinations, dump.destinations, (d) => d.id);
  dump.filters.forEach((f) => ws.childCollection(ws.filters, f.destinationId).set(f.id, f));
  dump.subscriptions.forEach((s) => ws.childCollection(ws.subscriptions, s.destinationId).set(s.id, s));
  put(ws.warehouses, dump.warehouses, (w) => w.id);
  dump.warehouseConnections.forEach(({ warehouseId, sourceIds }) =>
    sourceIds.forEach((id) => ws.childCollection(ws.warehouseSources, warehouseId).set(id, id)),
  );
  dump.advancedSyncSchedules.forEach(({ warehouseId, schedule }) => ws.advancedSyncSchedules.set(warehouseId, schedule));
  dump.selectiveSyncs.forEach(({ warehouseId, sourceId, collections }) =>
    ws.selectiveSyncs.set(
      pairKey(warehouseId, sourceId),
      new Map(collections.map(({ collection, enabled, properties }) => [collection, { enabled, properties }])),
    ),
  );
  put(ws.trackingPlans, dump.trackingPlans, (p) => p.id);
  dump.rules.forEach(({ trackingPlanId, rules }) => rules.forEach((r) => ws.childCollection(ws.rules, trackingPlanId).set(ruleKey(r), r)));
  dump.trackingPlanConnections.forEach(({ trackingPlanId, sourceIds }) =>
    sourceIds.forEach((id) => ws.childCollection(ws.trackingPlanSources, trackingPlanId).set(id, id)),
  );
  put(ws.functions, dump.functions, (f) => f.id);
  put(ws.transformations, dump.transformations, (t) => t.id);
  put(ws.userGroups, dump.userGroups, (g) => g.id);
  put(ws.users, dump.users, (u) => u.id);
  put(ws.invites, dump.invites, (i) => i.email);
  put(ws.roles, dump.roles, (r) => r.id);
  put(ws.credentials, dump.credentials, (c) => c.id);
  put(ws.reverseEtlModels, dump.reverseEtlModels, (m) => m.id);
  put(ws.insertFunctionInstances, dump.insertFunctionInstances, (i) => i.id);
  dump.auditEvents.forEach((e) => ws.auditEvents.push(e));
  const ids = [
    ...dump.sources,
    ...dump.destinations,
    ...dump.filters,
    ...dump.subscriptions,
    ...dump.warehouses,
    ...dump.trackingPlans,
    ...dump.functions,
    ...dump.transformations,
    ...dump.userGroups,
    ...dump.users,
    ...dump.roles,
    ...dump.credentials,
    ...dump.reverseEtlModels,
    ...dump.insertFunctionInstances,
  ].map((r) => r.id);
  ids.forEach((id) => ws.ids.reserve(id));
  ws.restoreAuditSeq();
  state.add(ws, []);
  dump.tokens.forEach((t) => state.addToken(ws, t.token, t.sourceAdmin, t.tokenId));
  return ws;
}

export function loadAll(state: SimState, dump: SimDump): void {
  if (!dump || dump.format !== 'segment-sim/v1' || !Array.isArray(dump.workspaces))
    throw new Error("not a simulator dump (format 'segment-sim/v1')");
  for (const slug of [...state.workspaces.keys()]) state.remove(slug);
  dump.workspaces.forEach((ws) => loadWorkspace(state, ws));
}
