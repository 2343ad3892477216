import { createHash } from 'node:crypto';
import { CREATED_201, ENUM_ADDITIONS, MODELS, REQUIRED_QUERY, SCHEMA_CHANGES } from './v73-amendments';

/**
 * Builds the contract the simulator enforces and the test suite checks requests and responses
 * against: one OpenAPI 3.0 document for every operation of the current API (v73), made from
 * Segment's two documents (see ../shared/segment/SOURCE.md):
 *  - operations the official v32 document has keep its parameters, request and response schemas;
 *  - the v73 inventory decides which operations exist, their path and query parameters, whether
 *    they take a body, and the media types (versions) they offer;
 *  - operations only the inventory knows get its parameters and media types, with the request and
 *    response schemas of v73-amendments.ts where the SDK models give them, an open object where not;
 *  - documentation (descriptions, examples, titles) is dropped and only reachable schemas are kept.
 * The output is deterministic, so `npm run contract:build` reproduces the committed file.
 */

type Json = Record<string, unknown>;

export interface V73Operation {
  operationId: string;
  method: string;
  path: string;
  mediaTypes: string[];
  pathParams: string[];
  queryParams: string[];
  requestBody: string | null;
  responseData: string | null;
  responseDataFields: Array<[string, string]>;
  rateLimit: string | null;
  requiresFeature: string | null;
}

export interface V73Inventory {
  apiVersion: string;
  operations: V73Operation[];
}

export interface ContractSources {
  v32: { file: string; text: string };
  v73: { file: string; text: string };
}

export type Stability = 'v1' | 'v1beta' | 'v1alpha';

/** What the contract says about one operation beyond OpenAPI (under `x-segment`). */
export interface OperationFacts {
  stability: Stability;
  /** Accept media types, most stable first (the inventory's list). */
  accept: string[];
  /** Content-Type media types a body may be sent as (empty: the operation takes no body). */
  contentTypes: string[];
  successStatus: number;
  feature: string | null;
  rateLimit: string | null;
  /** Where the schemas come from: the official v32 document or the v73 inventory (+ amendments). */
  origin: 'v32' | 'v73';
}

/**
 * Statuses any operation may answer with the error envelope: the per-operation ones of v32 (404,
 * 422, 429), the ones the Error-Handling page lists for every endpoint (401, 409, 413, 5xx), 400
 * for an unreadable request, 403 for a workspace lacking a feature the operation requires
 * (RESOURCES.md "Feature gating"), 406/415 for media types the operation does not offer.
 */
export const ERROR_STATUSES = ['400', '401', '403', '404', '406', '409', '413', '415', '422', '429', '5XX'];

const DOC_KEYS = new Set(['description', 'example', 'examples', 'title', 'externalDocs', 'x-logo']);
const PAGINATION_PARAMS = new Set(['pagination', 'sourcesPagination', 'warehousesPagination']);
const JSON_TYPE = 'application/json';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const clone = <T>(value: T): T => structuredClone(value);
const refName = (ref: string) => ref.replace('#/components/schemas/', '');
const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const stabilityOf = (mediaType: string): Stability => (/\.(v1(?:alpha|beta)?)\+json$/.exec(mediaType)?.[1] ?? 'v1') as Stability;

/**
 * Body media types: the versioned ones the operation offers, plus plain JSON where its most stable
 * version is v1 (the SDK docs' "HTTP request headers": alpha and beta operations take only their
 * versioned types).
 */
export function requestContentTypes(op: V73Operation): string[] {
  const versioned = op.mediaTypes.filter((type) => type !== JSON_TYPE);
  return stabilityOf(op.mediaTypes[0]!) === 'v1' ? [JSON_TYPE, ...versioned] : versioned;
}

function stripDocs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripDocs);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    // a property may be *named* title or description: only schema keywords are documentation
    if (DOC_KEYS.has(key) && typeof value !== 'object') continue;
    if (key === 'example' || key === 'examples' || key === 'x-logo') continue;
    out[key] = key === 'properties' ? mapValues(value as Json, stripDocs) : stripDocs(value);
  }
  return out;
}

const mapValues = (record: Json, fn: (value: unknown) => unknown): Json =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value)]));

/**
 * Three v32 schemas put `nullable` beside `allOf` without a `type`, which JSON-Schema validators
 * refuse; dropping that `nullable` widens nothing the API sends (none of the three is ever null).
 */
function normalizeV32(definition: Json): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const record = node as Json;
    if (record.nullable && !record.type) delete record.nullable;
    const properties = record.properties as Record<string, { enum?: string[] }> | undefined;
    for (const addition of ENUM_ADDITIONS) {
      // a schema property, or a parameter of that name (listFunctions' resourceType)
      const target =
        properties?.[addition.property] ?? (record.name === addition.property ? (record.schema as { enum?: string[] }) : undefined);
      if (target?.enum?.includes('SOURCE') && target.enum.includes('DESTINATION')) {
        target.enum = [...new Set([...target.enum, ...addition.values])];
      }
    }
    Object.values(record).forEach(visit);
  };
  visit(definition);
}

/**
 * v32's update inputs list the path parameter as a required body field it never declares
 * (`UpdateSourceV1Input.required: [sourceId]`, no such property): the generator folded the path
 * into the input message. Segment's SDKs send no such field, so it is not required of a body.
 */
function dropPathParametersFromBodies(v73: V73Inventory, schemas: Json): void {
  const pathParameters = new Set(v73.operations.flatMap((op) => op.pathParams));
  for (const schema of Object.values(schemas) as Json[]) {
    const required = schema.required as string[] | undefined;
    const properties = (schema.properties as Json | undefined) ?? {};
    if (!Array.isArray(required)) continue;
    const kept = required.filter((name) => !(pathParameters.has(name) && !(name in properties)));
    if (kept.length === required.length) continue;
    if (kept.length) schema.required = kept;
    else delete schema.required;
  }
}

/** The schema for an inventory type name: `Array<X>`, `X.StatusEnum`, a v32 or amended model. */
function typeSchema(type: string, schemas: Json): Json {
  const array = /^Array<(.+)>$/.exec(type);
  if (array) return { type: 'array', items: typeSchema(array[1]!, schemas) };
  if (/\.\w+Enum$/.test(type)) return { type: 'string' };
  if (type === 'string' || type === 'number' || type === 'boolean') return { type };
  if (MODELS[type] || schemas[type]) return schemaRef(type);
  return { type: 'object' };
}

const ERROR_RESPONSE = { description: 'Error', content: { [JSON_TYPE]: { schema: schemaRef('RequestErrorEnvelope') } } };

function errorResponses(): Json {
  return Object.fromEntries(ERROR_STATUSES.map((status) => [status, { $ref: '#/components/responses/Error' }]));
}

interface V32Operation {
  parameters?: Json[];
  requestBody?: { content: Record<string, { schema: Json }>; required?: boolean };
  responses?: Record<string, { content?: Record<string, { schema: Json }> }>;
}

function buildOperation(op: V73Operation, v32: V32Operation | undefined, schemas: Json): Json {
  const v32Params = v32?.parameters ?? [];
  const parameters: Json[] = [
    ...op.pathParams.map(
      (name) =>
        v32Params.find((p) => p.in === 'path' && p.name === name) ?? { name, in: 'path', required: true, schema: { type: 'string' } },
    ),
    ...op.queryParams.map(
      (name) =>
        v32Params.find((p) => p.in === 'query' && p.name === name) ??
        (PAGINATION_PARAMS.has(name)
          ? { name, in: 'query', required: false, style: 'deepObject', explode: true, schema: schemaRef('PaginationInput') }
          : { name, in: 'query', required: (REQUIRED_QUERY[op.operationId] ?? []).includes(name), schema: {} }),
    ),
  ];
  const contentTypes = op.requestBody ? requestContentTypes(op) : [];
  const stability = stabilityOf(op.mediaTypes[0]!);
  const out: Json = {
    operationId: op.operationId,
    parameters,
    responses: {},
    'x-segment': {
      stability,
      accept: op.mediaTypes,
      contentTypes,
      successStatus: CREATED_201.has(op.operationId) ? 201 : 200,
      feature: op.requiresFeature,
      rateLimit: op.rateLimit,
      origin: v32 ? 'v32' : 'v73',
    } satisfies OperationFacts,
  };
  if (op.requestBody) {
    const v32Content = v32?.requestBody?.content ?? {};
    const fallback = Object.values(v32Content)[0]?.schema ?? typeSchema(op.requestBody, schemas);
    const bodyFor = (type: string) =>
      v32Content[type === JSON_TYPE ? `application/vnd.segment.${stability}+json` : type]?.schema ?? fallback;
    out.requestBody = { required: true, content: Object.fromEntries(contentTypes.map((type) => [type, { schema: bodyFor(type) }])) };
  }
  const v32Success = v32?.responses?.['200']?.content ?? {};
  const synthesized = {
    type: 'object',
    required: ['data'],
    properties: {
      data: {
        type: 'object',
        additionalProperties: false,
        required: op.responseDataFields.map(([name]) => name),
        properties: Object.fromEntries(op.responseDataFields.map(([name, type]) => [name, typeSchema(type, schemas)])),
      },
    },
  };
  // one named schema per operation, so that its media types refer to it instead of repeating it
  const synthesizedName = `${op.operationId}_v73_response`;
  if (!Object.keys(v32Success).length) schemas[synthesizedName] = synthesized;
  // a version v32 did not have yet (transformations were beta then) reads as the closest one it had
  const responseFor = (type: string) =>
    (
      v32Success[type === JSON_TYPE ? `application/vnd.segment.${stability}+json` : type] ??
      v32Success[JSON_TYPE] ??
      Object.values(v32Success)[0]
    )?.schema ?? schemaRef(synthesizedName);
  (out.responses as Json)[String((out['x-segment'] as OperationFacts).successStatus)] = {
    description: 'Success',
    content: Object.fromEntries(op.mediaTypes.map((type) => [type, { schema: responseFor(type) }])),
  };
  Object.assign(out.responses as Json, errorResponses());
  return out;
}

/** Keeps the component schemas the operations reach (transitively). */
function reachable(paths: Json, schemas: Json): Json {
  const kept = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node as Json)) {
      if (key === '$ref' && typeof value === 'string') {
        const name = refName(value);
        if (!kept.has(name)) {
          kept.add(name);
          visit(schemas[name]);
        }
      } else visit(value);
    }
  };
  visit(paths);
  return Object.fromEntries([...kept].sort().map((name) => [name, schemas[name]]));
}

export function buildContract(v32Input: Json, v73: V73Inventory, sources: ContractSources): Json {
  const v32 = clone(v32Input);
  normalizeV32(v32);
  const schemas = stripDocs((v32.components as Json).schemas) as Json;
  dropPathParametersFromBodies(v73, schemas);
  for (const change of SCHEMA_CHANGES) change.apply(schemas[change.schema] as Json);
  Object.assign(schemas, clone(MODELS));

  const v32Ops = new Map<string, V32Operation>();
  for (const methods of Object.values(v32.paths as Record<string, Json>)) {
    for (const op of Object.values(methods)) {
      const operation = op as V32Operation & { operationId?: string };
      if (operation && typeof operation === 'object' && operation.operationId)
        v32Ops.set(operation.operationId, stripDocs(operation) as V32Operation);
    }
  }

  const paths: Record<string, Json> = {};
  const operations = [...v73.operations].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  for (const op of operations) {
    paths[op.path] ??= {};
    paths[op.path]![op.method.toLowerCase()] = buildOperation(op, v32Ops.get(op.operationId), schemas);
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Segment Public API: the contract the simulator enforces',
      version: v73.apiVersion,
      description: 'Generated by `npm run contract:build` from the files named in x-generated-from; do not edit.',
    },
    'x-generated-from': {
      v32: { file: sources.v32.file, sha256: sha256(sources.v32.text) },
      v73: { file: sources.v73.file, sha256: sha256(sources.v73.text) },
    },
    servers: [{ url: 'https://api.segmentapis.com' }],
    paths,
    components: {
      schemas: reachable({ paths, error: ERROR_RESPONSE }, schemas),
      responses: { Error: ERROR_RESPONSE },
      securitySchemes: (v32.components as Json).securitySchemes,
    },
    security: [{ token: [] }],
  };
}
