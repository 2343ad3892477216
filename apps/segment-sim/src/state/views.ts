import { CatalogEntry, DestinationCatalogEntry, SettingFlags, IntegrationCatalog } from '../integration-catalog/integration-catalog';
import {
  CredentialRecord,
  DestinationRecord,
  FunctionRecord,
  InsertFunctionInstanceRecord,
  PermissionRecord,
  RoleRecord,
  Settings,
  SourceRecord,
  SubscriptionRecord,
  TransformationRecord,
  UserGroupRecord,
  UserRecord,
  WarehouseRecord,
} from './records';
import { WorkspaceState } from './workspace-state';

/** What Segment shows instead of a secret value. */
export const MASK = '••••••••••';

const NO_FLAGS: SettingFlags = { secret: new Set(), omitted: new Set(), readOnly: new Set(), known: new Set() };

export function maskSettings(settings: Settings, flags: SettingFlags): Settings {
  const out: Settings = {};
  for (const [key, value] of Object.entries(settings)) {
    if (flags.omitted.has(key)) continue;
    out[key] = flags.secret.has(key) && value !== null && value !== '' && value !== undefined ? MASK : value;
  }
  return out;
}

/** Destination metadata for a destination built on a destination function (workspace-specific catalog id). */
export function functionDestinationMetadata(fn: FunctionRecord): { json: string; flags: SettingFlags } {
  const metadata = {
    id: fn.catalogId,
    name: fn.displayName,
    description: fn.description ?? '',
    slug: `${fn.displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${fn.catalogId.slice(0, 6).toLowerCase()}`,
    logos: { default: fn.logoUrl ?? 'https://cdn.filepicker.io/api/file/functions-default.svg', mark: null, alt: null },
    options: fn.settings.map((s) => ({
      name: s.name,
      type: s.type.toLowerCase(),
      required: s.required,
      description: s.description,
      defaultValue: '',
      label: s.label,
    })),
    status: 'PUBLIC',
    previousNames: [],
    categories: ['Functions'],
    website: '',
    components: [],
    supportedFeatures: {},
    supportedMethods: { pageview: true, identify: true, alias: true, track: true, group: true },
    supportedPlatforms: { browser: false, server: true, mobile: false },
    actions: [],
    presets: [],
  };
  return {
    json: JSON.stringify(metadata),
    flags: {
      ...NO_FLAGS,
      secret: new Set(fn.settings.filter((s) => s.sensitive).map((s) => s.name)),
      known: new Set(fn.settings.map((s) => s.name)),
    },
  };
}

export interface DestinationMetadataSource {
  json: string;
  flags: SettingFlags;
  entry?: DestinationCatalogEntry;
}

export function destinationMetadata(
  catalog: IntegrationCatalog,
  ws: WorkspaceState,
  metadataId: string,
): DestinationMetadataSource | undefined {
  const entry = catalog.destinationsById.get(metadataId);
  if (entry) return { json: entry.json, flags: entry.settings, entry };
  const fn = ws.functionByCatalogId(metadataId);
  return fn && fn.resourceType === 'DESTINATION' ? functionDestinationMetadata(fn) : undefined;
}

export function sourceMetadata(
  catalog: IntegrationCatalog,
  ws: WorkspaceState,
  metadataId: string,
): { json: string; flags: SettingFlags } | undefined {
  const entry = catalog.sourcesById.get(metadataId);
  if (entry) return { json: entry.json, flags: entry.settings };
  const fn = ws.functionByCatalogId(metadataId);
  if (!fn || fn.resourceType !== 'SOURCE') return undefined;
  const metadata = {
    id: fn.catalogId,
    name: fn.displayName,
    slug: fn.displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    description: fn.description ?? '',
    logos: { default: fn.logoUrl ?? '', mark: null, alt: null },
    options: fn.settings.map((s) => ({
      name: s.name,
      type: s.type.toLowerCase(),
      required: s.required,
      description: s.description,
      label: s.label,
    })),
    categories: ['Functions'],
    isCloudEventSource: true,
    status: 'PUBLIC',
  };
  return {
    json: JSON.stringify(metadata),
    flags: { ...NO_FLAGS, secret: new Set(fn.settings.filter((s) => s.sensitive).map((s) => s.name)) },
  };
}

const json = (value: unknown) => JSON.stringify(value);

/**
 * Serialized views are kept as UTF-8 buffers: a page of 1,000 destinations is then one
 * Buffer.concat, instead of flattening and re-encoding a multi-megabyte string per request.
 */
function cached(ws: WorkspaceState, rec: object, make: () => string): Buffer {
  let buffer = ws.viewCache.get(rec);
  if (!buffer) {
    buffer = Buffer.from(make());
    ws.viewCache.set(rec, buffer);
  }
  return buffer;
}

/** Splices a pre-serialized metadata object into an object serialization. */
function withMetadata(head: Record<string, unknown>, metadataJson: string, tail: Record<string, unknown>): string {
  const headJson = json(head);
  const tailJson = json(tail);
  return `${headJson.slice(0, -1)},"metadata":${metadataJson},${tailJson.slice(1)}`;
}

export function sourceBuffer(catalog: IntegrationCatalog, ws: WorkspaceState, rec: SourceRecord, sourceAdmin: boolean): Buffer {
  return sourceAdmin ? cached(ws, rec, () => sourceString(catalog, ws, rec, true)) : Buffer.from(sourceString(catalog, ws, rec, false));
}

export const sourceJson = (catalog: IntegrationCatalog, ws: WorkspaceState, rec: SourceRecord, sourceAdmin: boolean): string =>
  sourceBuffer(catalog, ws, rec, sourceAdmin).toString();

function sourceString(catalog: IntegrationCatalog, ws: WorkspaceState, rec: SourceRecord, sourceAdmin: boolean): string {
  const meta = sourceMetadata(catalog, ws, rec.metadataId) ?? { json: '{}', flags: NO_FLAGS };
  const labels = rec.labels.map((ref) => ws.labels.get(`${ref.key}:${ref.value}`) ?? ref);
  return withMetadata({ id: rec.id, slug: rec.slug, name: rec.name }, meta.json, {
    workspaceId: ws.id,
    enabled: rec.enabled,
    writeKeys: sourceAdmin ? rec.writeKeys : [],
    settings: maskSettings(rec.settings, meta.flags),
    labels,
  });
}

export function destinationBuffer(catalog: IntegrationCatalog, ws: WorkspaceState, rec: DestinationRecord): Buffer {
  return cached(ws, rec, () => {
    const meta = destinationMetadata(catalog, ws, rec.metadataId) ?? { json: '{}', flags: NO_FLAGS };
    return withMetadata({ id: rec.id, name: rec.name, enabled: rec.enabled }, meta.json, {
      sourceId: rec.sourceId,
      settings: maskSettings(rec.settings, meta.flags),
    });
  });
}

export const destinationJson = (catalog: IntegrationCatalog, ws: WorkspaceState, rec: DestinationRecord): string =>
  destinationBuffer(catalog, ws, rec).toString();

export function warehouseBuffer(catalog: IntegrationCatalog, ws: WorkspaceState, rec: WarehouseRecord): Buffer {
  return cached(ws, rec, () => {
    const entry: CatalogEntry | undefined = catalog.warehousesById.get(rec.metadataId);
    // Segment reports a warehouse's name inside its settings, not as a field of its own.
    return withMetadata({ id: rec.id }, entry?.json ?? '{}', {
      workspaceId: ws.id,
      enabled: rec.enabled,
      settings: maskSettings(rec.settings, entry?.settings ?? NO_FLAGS),
    });
  });
}

export const warehouseJson = (catalog: IntegrationCatalog, ws: WorkspaceState, rec: WarehouseRecord): string =>
  warehouseBuffer(catalog, ws, rec).toString();

export function subscriptionView(catalog: IntegrationCatalog, rec: SubscriptionRecord): Record<string, unknown> {
  const action = catalog.actionsById.get(rec.actionId);
  const entry = action ? catalog.destinationsById.get(action.destinationMetadataId) : undefined;
  const passwordFields = entry?.actions.get(rec.actionId)?.passwordFields ?? new Set<string>();
  const out: Record<string, unknown> = {
    id: rec.id,
    name: rec.name,
    actionId: rec.actionId,
    actionSlug: rec.actionSlug,
    destinationId: rec.destinationId,
    enabled: rec.enabled,
    settings: maskSettings(rec.settings, { ...NO_FLAGS, secret: passwordFields }),
    trigger: rec.trigger,
  };
  if (rec.modelId !== undefined) out.modelId = rec.modelId;
  if (rec.reverseETLSchedule !== undefined) out.reverseETLSchedule = rec.reverseETLSchedule;
  return out;
}

export function functionView(rec: FunctionRecord, full: boolean): Record<string, unknown> {
  const base: Record<string, unknown> = {
    id: rec.id,
    resourceType: rec.resourceType,
    createdAt: rec.createdAt,
    createdBy: rec.createdBy,
    displayName: rec.displayName,
    description: rec.description ?? '',
    logoUrl: rec.logoUrl ?? '',
    catalogId: rec.catalogId,
  };
  if (!full) return base;
  return {
    ...base,
    code: rec.code,
    deployedAt: rec.deployedAt,
    settings: rec.settings,
    previewWebhookUrl: rec.previewWebhookUrl,
    batchMaxCount: rec.batchMaxCount,
    isLatestVersion: true,
  };
}

export function transformationView(rec: TransformationRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { ...rec };
  if (rec.hashPropertiesConfiguration?.key) out.hashPropertiesConfiguration = { ...rec.hashPropertiesConfiguration, key: MASK };
  return out;
}

export function permissionsView(ws: WorkspaceState, permissions: PermissionRecord[]): Array<Record<string, unknown>> {
  return permissions.map((p) => ({
    roleId: p.roleId,
    roleName: (ws.roles.get(p.roleId) as RoleRecord | undefined)?.name ?? 'Unknown',
    resources: p.resources.map((r) => ({ id: r.id, type: r.type, labels: r.labels ?? [] })),
  }));
}

export function userGroupView(ws: WorkspaceState, rec: UserGroupRecord): Record<string, unknown> {
  return { id: rec.id, name: rec.name, memberCount: rec.memberEmails.length, permissions: permissionsView(ws, rec.permissions) };
}

export function userView(ws: WorkspaceState, rec: UserRecord, withPermissions = true): Record<string, unknown> {
  const out: Record<string, unknown> = { id: rec.id, name: rec.name, email: rec.email };
  if (withPermissions) out.permissions = permissionsView(ws, rec.permissions);
  return out;
}

export function credentialView(rec: CredentialRecord): Record<string, unknown> {
  // Credentials hold connection secrets; Segment returns only their non-secret settings.
  const settings: Settings = {};
  for (const [key, value] of Object.entries(rec.settings)) {
    settings[key] = /password|secret|token|key|credentials/i.test(key) && key !== 'type' ? MASK : value;
  }
  return { id: rec.id, name: rec.name, settings, createdAt: rec.createdAt, updatedAt: rec.updatedAt };
}

export function insertFunctionInstanceView(ws: WorkspaceState, rec: InsertFunctionInstanceRecord): Record<string, unknown> {
  const fn = ws.functionByCatalogId(rec.functionId);
  const sensitive = new Set(fn?.settings.filter((s) => s.sensitive).map((s) => s.name) ?? []);
  const settings: Settings = {};
  const encryptedSettings: Settings = {};
  for (const [key, value] of Object.entries(rec.settings)) {
    if (sensitive.has(key)) encryptedSettings[key] = MASK;
    else settings[key] = value;
  }
  const out: Record<string, unknown> = {
    id: rec.id,
    integrationId: rec.integrationId,
    classId: rec.functionId,
    enabled: rec.enabled,
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    settings,
    encryptedSettings,
  };
  if (rec.name !== undefined) out.name = rec.name;
  return out;
}
