import { Collection } from '../engine/collection';
import { IdFactory } from '../engine/ids';
import { Rng } from '../engine/rng';
import {
  AdvancedSyncSchedule,
  AuditEventRecord,
  CredentialRecord,
  DestinationRecord,
  FilterRecord,
  FunctionRecord,
  InsertFunctionInstanceRecord,
  InviteRecord,
  LabelRecord,
  ReverseEtlModelRecord,
  RoleRecord,
  RuleRecord,
  SchemaSettingsRecord,
  SelectiveSync,
  SourceRecord,
  SubscriptionRecord,
  TrackingPlanRecord,
  TransformationRecord,
  UserGroupRecord,
  UserRecord,
  WarehouseRecord,
} from './records';

/**
 * Workspace features that gate endpoints this simulator serves, named as in the v73 inventory's
 * `requiresFeature`. Segment has more (Live Plugins, Spaces, Audience, Computed Trait, Space
 * Filters); a simulated workspace never claims a feature whose endpoints it cannot answer.
 */
export const FEATURES = ['Protocols', 'Functions', 'Destination Subscriptions'] as const;
export type Feature = (typeof FEATURES)[number];

export const labelKey = (key: string, value: string): string => `${key}:${value}`;
export const ruleKey = (rule: { type: string; key?: string | null; version: number }): string =>
  `${rule.type}:${rule.key ?? ''}:${rule.version}`;
export const pairKey = (a: string, b: string): string => `${a}|${b}`;

/** Everything one workspace holds. Route handlers enforce Segment's rules on top of it. */
export class WorkspaceState {
  readonly features: Set<Feature>;
  readonly ids: IdFactory;
  private seq = 0;
  private auditSeq = 0;
  private readonly nextSeq = () => ++this.seq;
  /** Serialized views, dropped whenever a record changes (see `touch`). */
  readonly viewCache = new WeakMap<object, Buffer>();

  readonly labels = this.collection<LabelRecord>();
  readonly sources = this.collection<SourceRecord>();
  readonly schemaSettings = new Map<string, SchemaSettingsRecord>();
  readonly destinations = this.collection<DestinationRecord>();
  readonly filters = new Map<string, Collection<FilterRecord>>();
  readonly subscriptions = new Map<string, Collection<SubscriptionRecord>>();
  readonly warehouses = this.collection<WarehouseRecord>();
  readonly warehouseSources = new Map<string, Collection<string>>();
  readonly advancedSyncSchedules = new Map<string, AdvancedSyncSchedule>();
  readonly selectiveSyncs = new Map<string, SelectiveSync>();
  readonly trackingPlans = this.collection<TrackingPlanRecord>();
  readonly rules = new Map<string, Collection<RuleRecord>>();
  readonly trackingPlanSources = new Map<string, Collection<string>>();
  readonly functions = this.collection<FunctionRecord>();
  readonly transformations = this.collection<TransformationRecord>();
  readonly userGroups = this.collection<UserGroupRecord>();
  readonly users = this.collection<UserRecord>();
  readonly invites = this.collection<InviteRecord>();
  readonly roles = this.collection<RoleRecord>();
  readonly credentials = this.collection<CredentialRecord>();
  readonly reverseEtlModels = this.collection<ReverseEtlModelRecord>();
  readonly insertFunctionInstances = this.collection<InsertFunctionInstanceRecord>();
  readonly auditEvents: AuditEventRecord[] = [];

  constructor(
    readonly id: string,
    readonly slug: string,
    readonly name: string,
    readonly seed: string,
    features: Iterable<Feature> = FEATURES,
  ) {
    this.features = new Set(features);
    this.ids = new IdFactory(new Rng(`${seed}:ids:${slug}`));
  }

  collection<T>(): Collection<T> {
    return new Collection<T>(this.nextSeq);
  }

  childCollection<T>(map: Map<string, Collection<T>>, parentId: string): Collection<T> {
    let child = map.get(parentId);
    if (!child) {
      child = this.collection<T>();
      map.set(parentId, child);
    }
    return child;
  }

  touch(record: object): void {
    this.viewCache.delete(record);
  }

  now(): string {
    return new Date().toISOString();
  }

  /** After loading saved events, new events continue the numbering. */
  restoreAuditSeq(): void {
    this.auditSeq = this.auditEvents.reduce((max, e) => Math.max(max, e.seq), 0);
  }

  audit(entry: Omit<AuditEventRecord, 'seq' | 'id' | 'timestamp'> & { timestamp?: string }): void {
    const seq = ++this.auditSeq;
    this.auditEvents.push({ seq, id: `events/${100000000 + seq}`, timestamp: entry.timestamp ?? this.now(), ...entry });
  }

  /** Counts every resource a backup would hold, for sizing and the admin surface. */
  counts(): Record<string, number> {
    const sum = (map: Map<string, Collection<unknown>>) => [...map.values()].reduce((n, c) => n + c.size, 0);
    return {
      labels: this.labels.size,
      sources: this.sources.size,
      destinations: this.destinations.size,
      destinationFilters: sum(this.filters as Map<string, Collection<unknown>>),
      destinationSubscriptions: sum(this.subscriptions as Map<string, Collection<unknown>>),
      warehouses: this.warehouses.size,
      warehouseConnections: sum(this.warehouseSources as Map<string, Collection<unknown>>),
      trackingPlans: this.trackingPlans.size,
      trackingPlanRules: sum(this.rules as Map<string, Collection<unknown>>),
      trackingPlanConnections: sum(this.trackingPlanSources as Map<string, Collection<unknown>>),
      functions: this.functions.size,
      insertFunctionInstances: this.insertFunctionInstances.size,
      transformations: this.transformations.size,
      reverseEtlModels: this.reverseEtlModels.size,
      credentials: this.credentials.size,
      userGroups: this.userGroups.size,
      users: this.users.size,
      invites: this.invites.size,
      roles: this.roles.size,
    };
  }

  totalResources(): number {
    const { roles: _roles, ...rest } = this.counts();
    return Object.values(rest).reduce((a, b) => a + b, 0);
  }

  trackingPlanOfSource(sourceId: string): string | null {
    for (const [planId, sources] of this.trackingPlanSources) if (sources.has(sourceId)) return planId;
    return null;
  }

  /** A function's catalog id is its id without the type prefix (as in Segment's examples). */
  functionByCatalogId(catalogId: string): FunctionRecord | undefined {
    for (const prefix of ['sfnc_', 'dfn_', 'ifns_', 'ifnd_', 'iftr_']) {
      const fn = this.functions.get(prefix + catalogId);
      if (fn) return fn;
    }
    return undefined;
  }
}
