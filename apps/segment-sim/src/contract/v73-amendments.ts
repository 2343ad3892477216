/**
 * What the current API (v73) says that neither the v32 OpenAPI document nor the v73 inventory
 * carries, taken from Segment's own generated SDKs (segmentio/public-api-sdk-typescript `model/*.ts`
 * and segmentio/public-api-sdk-python `docs/*Api.md`, OpenAPI document 66.0.0–73.0.4). Each entry
 * is small and cited; the contract builder applies them on top of the two documents.
 */

type Schema = Record<string, unknown>;

const str = { type: 'string' };
const bool = { type: 'boolean' };
const anyObject = { type: 'object', additionalProperties: true };

/**
 * Operations that answer 201 Created rather than 200 (SDK return types `*201Response` and the
 * Python docs' "HTTP response details"): every other operation answers 200.
 */
export const CREATED_201 = new Set([
  'createSource',
  'createWarehouse',
  'createLabel',
  'createInvites',
  'addConnectionFromSourceToWarehouse',
  'createReverseEtlModel',
  'createCredential',
  'createProfilesWarehouse',
]);

/**
 * Query parameters the Python SDK takes positionally (required) for operations the v32 document
 * lacks; the inventory lists names only. Everything else the inventory adds is optional.
 */
export const REQUIRED_QUERY: Record<string, string[]> = {
  listInsertFunctionInstances: ['functionId'],
};

/** Schemas of models the v32 document lacks or that changed since (keyed by the inventory's type names). */
export const MODELS: Record<string, Schema> = {
  // model/version.ts: a function version in a list or alone carries its code
  Version: {
    type: 'object',
    required: ['id', 'code'],
    properties: { id: str, author: str, code: str, isDeployed: bool, createdAt: str, updatedAt: str, deployedAt: str },
  },
  // model/credentialV1.ts (document 73.0.4)
  CredentialV1: {
    type: 'object',
    required: ['id', 'workspaceId', 'name', 'settings', 'createdAt', 'updatedAt'],
    properties: { id: str, workspaceId: str, name: str, settings: anyObject, createdAt: str, updatedAt: str },
  },
  // model/insertFunctionInstanceAlpha.ts
  InsertFunctionInstanceAlpha: {
    type: 'object',
    required: ['id', 'integrationId', 'classId', 'enabled', 'createdAt', 'updatedAt', 'settings', 'encryptedSettings'],
    properties: {
      id: str,
      name: str,
      integrationId: str,
      classId: str,
      enabled: bool,
      createdAt: str,
      updatedAt: str,
      settings: anyObject,
      encryptedSettings: anyObject,
    },
  },
  // model/reverseEtlModel.ts
  ReverseEtlModel: {
    type: 'object',
    required: ['id', 'sourceId', 'name', 'description', 'enabled', 'query', 'queryIdentifierColumn'],
    properties: { id: str, sourceId: str, name: str, description: str, enabled: bool, query: str, queryIdentifierColumn: str },
  },
  // model/createCredentialV1Input.ts, model/updateCredentialV1Input.ts (document 73.0.4)
  CreateCredentialV1Input: { type: 'object', required: ['name', 'settings'], properties: { name: str, settings: anyObject } },
  UpdateCredentialV1Input: { type: 'object', properties: { name: str, settings: anyObject } },
  // model/createInsertFunctionInstanceAlphaInput.ts: "Remove the ifnd_/ifns_ prefix from the id."
  CreateInsertFunctionInstanceAlphaInput: {
    type: 'object',
    required: ['functionId', 'integrationId', 'name', 'settings'],
    properties: { functionId: str, integrationId: str, enabled: bool, name: str, settings: anyObject },
  },
  UpdateInsertFunctionInstanceAlphaInput: {
    type: 'object',
    required: ['settings'],
    properties: { enabled: bool, name: str, settings: anyObject },
  },
  // model/createReverseEtlModelInput.ts, model/updateReverseEtlModelInput.ts
  CreateReverseEtlModelInput: {
    type: 'object',
    required: ['sourceId', 'name', 'description', 'enabled', 'query', 'queryIdentifierColumn'],
    properties: { sourceId: str, name: str, description: str, enabled: bool, query: str, queryIdentifierColumn: str },
  },
  UpdateReverseEtlModelInput: {
    type: 'object',
    properties: { name: str, description: str, enabled: bool, query: str, queryIdentifierColumn: str },
  },
  // docs/FunctionsApi.md, restore_function_version: {"versionId": "…"}
  RestoreFunctionVersionAlphaInput: { type: 'object', required: ['versionId'], properties: { versionId: str } },
};

/** Changes to schemas the v32 document has, applied in place. */
export const SCHEMA_CHANGES: Array<{ schema: string; why: string; apply(schema: Schema): void }> = [
  {
    // model/sourceMetadataV1.ts: `status` (required) and `partnerOwned` were added after v32
    schema: 'SourceMetadataV1',
    why: 'a Source catalog entry states its support status',
    apply: (schema) => {
      const properties = schema.properties as Record<string, Schema>;
      properties.status = {
        type: 'string',
        enum: ['DEPRECATED', 'PRIVATE_BETA', 'PRIVATE_BUILDING', 'PRIVATE_SUBMITTED', 'PUBLIC', 'PUBLIC_BETA', 'UNAVAILABLE'],
      };
      properties.partnerOwned = bool;
      schema.required = [...((schema.required as string[]) ?? []), 'status'];
    },
  },
  {
    // RESOURCES.md §1 Pagination: `count` is 1–1000 in v73 (v32 said 1–200 in prose only)
    schema: 'PaginationInput',
    why: 'a page holds 1 to 1000 items',
    apply: (schema) => {
      (schema.properties as Record<string, Schema>).count = { type: 'number', minimum: 1, maximum: 1000 };
    },
  },
];

/**
 * Enum values v73 added after v32, as RESOURCES.md documents them: insert function types
 * (§2 row 3). Only `resourceType` enums (properties and parameters) that list SOURCE and
 * DESTINATION are widened.
 */
export const ENUM_ADDITIONS: Array<{ property: string; values: string[] }> = [
  { property: 'resourceType', values: ['INSERT_SOURCE', 'INSERT_DESTINATION', 'INSERT_TRANSFORMATION'] },
];
