/**
 * Internal, unmasked records. What the API returns is derived from these by the views, which
 * mask secrets, omit passwords and embed catalog metadata.
 */
export type Settings = Record<string, unknown>;

export interface LabelRecord {
  key: string;
  value: string;
  description?: string;
}

export interface LabelRef {
  key: string;
  value: string;
}

export interface SourceRecord {
  id: string;
  slug: string;
  name: string;
  metadataId: string;
  enabled: boolean;
  writeKeys: string[];
  settings: Settings;
  labels: LabelRef[];
  createdAt: string;
  updatedAt: string;
}

export interface TrackSettings {
  allowUnplannedEvents: boolean;
  allowUnplannedEventProperties: boolean;
  allowEventOnViolations: boolean;
  allowPropertiesOnViolations: boolean;
  commonEventOnViolations: 'ALLOW' | 'BLOCK' | 'OMIT_PROPERTIES';
}

export interface TraitSettings {
  allowUnplannedTraits: boolean;
  allowTraitsOnViolations: boolean;
  commonEventOnViolations: 'ALLOW' | 'BLOCK' | 'OMIT_TRAITS';
}

export interface SchemaSettingsRecord {
  track: TrackSettings;
  identify: TraitSettings;
  group: TraitSettings;
  forwardingViolationsTo?: string;
  forwardingBlockedEventsTo?: string;
}

export interface DestinationRecord {
  id: string;
  name?: string;
  enabled: boolean;
  metadataId: string;
  sourceId: string;
  settings: Settings;
  createdAt: string;
  updatedAt: string;
}

export interface FilterAction {
  type: 'ALLOW_PROPERTIES' | 'DROP' | 'DROP_PROPERTIES' | 'SAMPLE';
  fields?: Record<string, unknown>;
  percent?: number;
  path?: string;
}

export interface FilterRecord {
  id: string;
  sourceId: string;
  destinationId: string;
  if: string;
  actions: FilterAction[];
  title: string;
  description?: string;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ReverseEtlSchedule {
  strategy: string;
  config?: Record<string, unknown> | null;
}

export interface SubscriptionRecord {
  id: string;
  name: string;
  actionId: string;
  actionSlug: string;
  destinationId: string;
  enabled: boolean;
  settings: Settings;
  trigger: string;
  modelId?: string;
  reverseETLSchedule?: ReverseEtlSchedule;
}

export interface WarehouseRecord {
  id: string;
  metadataId: string;
  enabled: boolean;
  /** Holds `name` too: Segment reports a warehouse's name as a setting. */
  settings: Settings;
  createdAt: string;
  updatedAt: string;
}

export interface AdvancedSyncSchedule {
  enabled: boolean;
  schedule?: { times: Array<{ hourOfDay: number; enabled: boolean }>; timezone: string };
}

/** Selective sync of one warehouse ↔ source pair: collection → its state and per-property states. */
export type SelectiveSync = Map<string, { enabled: boolean; properties: Record<string, boolean> }>;

export type RuleType = 'COMMON' | 'GROUP' | 'IDENTIFY' | 'PAGE' | 'SCREEN' | 'TRACK';

export interface RuleRecord {
  type: RuleType;
  key?: string;
  jsonSchema: unknown;
  version: number;
  createdAt: string;
  updatedAt: string;
  deprecatedAt?: string;
}

export type TrackingPlanType = 'LIVE' | 'PROPERTY_LIBRARY' | 'RULE_LIBRARY' | 'TEMPLATE' | 'ENGAGE';

export interface TrackingPlanRecord {
  id: string;
  name: string;
  slug: string;
  description: string;
  type: TrackingPlanType;
  resourceSchemaId: string;
  createdAt: string;
  updatedAt: string;
}

export type FunctionResourceType = 'SOURCE' | 'DESTINATION' | 'INSERT_SOURCE' | 'INSERT_DESTINATION' | 'INSERT_TRANSFORMATION';

export interface FunctionSetting {
  name: string;
  label: string;
  description: string;
  type: 'ARRAY' | 'BOOLEAN' | 'STRING' | 'TEXT_MAP';
  required: boolean;
  sensitive: boolean;
}

export interface FunctionRecord {
  id: string;
  resourceType: FunctionResourceType;
  displayName: string;
  description?: string;
  logoUrl?: string;
  code: string;
  settings: FunctionSetting[];
  catalogId: string;
  createdAt: string;
  createdBy: string;
  deployedAt: string | null;
  previewWebhookUrl: string;
  batchMaxCount: number;
  versions: Array<{ id: string; code: string; createdAt: string }>;
}

export interface TransformationRecord {
  id: string;
  name: string;
  sourceId: string;
  destinationMetadataId?: string;
  enabled: boolean;
  if: string;
  drop?: boolean;
  newEventName?: string;
  propertyRenames?: Array<{ oldName: string; newName: string }>;
  propertyValueTransformations?: Array<{ propertyPaths: string[]; propertyValue: string }>;
  fqlDefinedProperties?: Array<{ fql: string; propertyName: string }>;
  allowProperties?: string[];
  hashPropertiesConfiguration?: { hashingAlgo: string; key?: string; paths: string[] };
}

export interface PermissionResource {
  id: string;
  type: 'FUNCTION' | 'SOURCE' | 'SPACE' | 'WAREHOUSE' | 'WORKSPACE';
  labels?: Array<{ key: string; value: string; description?: string }>;
}

export interface PermissionRecord {
  roleId: string;
  resources: PermissionResource[];
}

export interface UserGroupRecord {
  id: string;
  name: string;
  permissions: PermissionRecord[];
  memberEmails: string[];
  inviteEmails: string[];
}

export interface UserRecord {
  id: string;
  name: string;
  email: string;
  permissions: PermissionRecord[];
}

export interface InviteRecord {
  email: string;
  permissions: Array<{
    roleId: string;
    resources?: Array<{ id: string; type: PermissionResource['type'] }>;
    labels?: Array<{ key: string; value: string }>;
  }>;
  groupIds: string[];
}

export interface RoleRecord {
  id: string;
  name: string;
  description: string;
}

export interface CredentialRecord {
  id: string;
  name: string;
  settings: Settings;
  createdAt: string;
  updatedAt: string;
}

export interface ReverseEtlModelRecord {
  id: string;
  sourceId: string;
  name: string;
  description: string;
  enabled: boolean;
  query: string;
  queryIdentifierColumn: string;
}

export interface InsertFunctionInstanceRecord {
  id: string;
  functionId: string;
  integrationId: string;
  name?: string;
  enabled: boolean;
  settings: Settings;
  createdAt: string;
  updatedAt: string;
}

export interface AuditEventRecord {
  seq: number;
  id: string;
  timestamp: string;
  type: string;
  actor: string;
  resourceId: string;
  resourceType: string;
  resourceName: string;
}
