import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import FindMyWay, { HTTPVersion } from 'find-my-way';
import OpenAPIBackend, { Operation, ValidationContext } from 'openapi-backend';
import { OperationFacts, Stability } from './build-contract';

export const CONTRACT_FILE = 'segment-contract.json';
const CONTRACT_ID = 'https://segment-contract.invalid/';
const JSON_TYPE = 'application/json';

type Json = Record<string, unknown>;
type ContentMap = Record<string, { schema?: Json }>;

export interface ContractOperation {
  operationId: string;
  method: string;
  /** OpenAPI path template, e.g. `/sources/{sourceId}`. */
  path: string;
  facts: OperationFacts;
  queryParams: string[];
}

/** One way a request or answer breaks the contract, with the field it concerns (`pagination.count`, `label.key`). */
export interface ContractError {
  in: 'path' | 'query' | 'body' | 'response';
  field: string;
  message: string;
}

/**
 * Segment's contract for every operation of the current API (the committed, generated
 * segment-contract.json; see build-contract.ts), checked with maintained validators: openapi-backend
 * for path and query parameters (deepObject, unknown parameters, required ones), and its Ajv for
 * bodies, with the component schemas compiled once and shared by every operation. Used by the
 * simulator on every request it receives, by the conformance suite on every answer it gives, and
 * by the test suite on every request the product's connector sends. It never needs ../shared.
 */
export class SegmentContract {
  private static loaded?: SegmentContract;
  private readonly api: OpenAPIBackend;
  private readonly ajv: Ajv;
  private readonly byId = new Map<string, ContractOperation>();
  /** openapi-backend's own operation objects, looked up once (its getOperation rebuilds them all per call). */
  private readonly validatorOps = new Map<string, Operation>();
  private readonly router = FindMyWay<HTTPVersion.V1>({ ignoreTrailingSlash: true, caseSensitive: true });
  private readonly raw = new Map<string, Json>();
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly ajvs = new Map<string, Ajv>();

  constructor(readonly document: Json) {
    this.api = new OpenAPIBackend({
      definition: parametersOnly(document) as never,
      // quick: the small parameters-only document is dereferenced synchronously, validators compile on first use
      quick: true,
      strict: true,
      validate: true,
      coerceTypes: true,
      ajvOpts: { strict: false },
      // one Ajv per validation context, instead of a fresh one (and a meta-schema compile) per operation
      customizeAjv: (fresh, _options, context) => {
        if (!this.ajvs.has(context)) this.ajvs.set(context, fresh);
        return this.ajvs.get(context)!;
      },
    });
    void this.api.init();
    if (!this.api.initialized) throw new Error('the Segment contract could not be loaded');
    this.ajv = this.api.validator.getAjv(ValidationContext.RequestBody, { strict: false, allErrors: false });
    this.ajv.addSchema({ $id: CONTRACT_ID, components: document.components }, undefined, undefined, false);
    for (const op of this.api.router.getOperations()) this.validatorOps.set(op.operationId!, op);
    for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, Json>>)) {
      for (const [method, op] of Object.entries(methods)) {
        const parameters = (op.parameters as Array<{ in: string; name: string }>) ?? [];
        const operationId = op.operationId as string;
        this.raw.set(operationId, op);
        this.router.on(method.toUpperCase() as never, path.replace(/\{(\w+)\}/g, ':$1'), () => undefined, { operationId });
        this.byId.set(operationId, {
          operationId,
          method: method.toUpperCase(),
          path,
          facts: op['x-segment'] as OperationFacts,
          queryParams: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        });
      }
    }
  }

  /** The committed contract, loaded once per process. */
  static load(): SegmentContract {
    SegmentContract.loaded ??= new SegmentContract(JSON.parse(readFileSync(join(__dirname, CONTRACT_FILE), 'utf8')) as Json);
    return SegmentContract.loaded;
  }

  get apiVersion(): string {
    return (this.document.info as { version: string }).version;
  }

  operation(operationId: string): ContractOperation | undefined {
    return this.byId.get(operationId);
  }

  operations(): ContractOperation[] {
    return [...this.byId.values()];
  }

  /** The operation a concrete request addresses (path parameters filled in), if the API has one. */
  match(method: string, path: string): ContractOperation | undefined {
    const found = this.router.find(method.toUpperCase() as never, path);
    return found ? this.byId.get((found.store as { operationId: string }).operationId) : undefined;
  }

  /** Path and query parameters: required ones present, none unknown, each matching its schema. */
  validateParameters(op: ContractOperation, path: string, query: Record<string, unknown>): ContractError[] {
    const result = this.api.validateRequest(
      { method: op.method.toLowerCase(), path, query: query as never, headers: {} },
      this.validatorOps.get(op.operationId)!,
    );
    return ((result.errors ?? []) as ErrorObject[]).map(parameterError);
  }

  /** A body sent as `mediaType`, against that media type's schema. */
  validateBody(op: ContractOperation, mediaType: string, body: unknown): ContractError[] {
    const content = (this.raw.get(op.operationId)!.requestBody as { content?: ContentMap } | undefined)?.content ?? {};
    const schema = content[mediaType]?.schema ?? content[JSON_TYPE]?.schema ?? Object.values(content)[0]?.schema;
    if (!schema) return [];
    const validate = this.compile(`${op.operationId} body ${mediaType}`, schema);
    return validate(body) ? [] : (validate.errors ?? []).map((error) => located('body', error));
  }

  /**
   * Checks one answer: its status must be one the operation declares (its success status exactly)
   * and its body must match the schema of the media type it is labelled with.
   */
  validateResponse(operationId: string, status: number, mediaType: string, body: unknown): ContractError[] {
    const op = this.byId.get(operationId);
    const fail = (message: string): ContractError[] => [{ in: 'response', field: '', message }];
    if (!op) return fail(`${operationId} is not an operation of the API`);
    const responses = this.raw.get(operationId)!.responses as Record<string, { content?: ContentMap; $ref?: string }>;
    const range = `${Math.floor(status / 100)}XX`;
    const key = responses[String(status)] ? String(status) : responses[range] ? range : undefined;
    if (!key) return fail(`${operationId} does not declare status ${status} (its success is ${op.facts.successStatus})`);
    if (status < 300 && !op.facts.accept.includes(mediaType)) return fail(`${operationId} does not offer ${mediaType}`);
    const declared = responses[key]!;
    const content = declared.$ref ? ((this.resolve(declared.$ref) as { content: ContentMap }).content ?? {}) : (declared.content ?? {});
    const schema = content[mediaType]?.schema ?? content[JSON_TYPE]?.schema;
    const validate = this.compile(`${operationId} ${key} ${mediaType}`, schema ?? {});
    return validate(body) ? [] : (validate.errors ?? []).map((error) => located('response', error));
  }

  /**
   * The version an answer is given in: plain JSON (or no Accept) gets the most stable version the
   * operation has; an explicit version must be one the operation offers. Null: none acceptable.
   */
  negotiate(op: ContractOperation, accept: string | undefined): Stability | null {
    if (!accept) return op.facts.stability;
    for (const part of accept.split(',')) {
      const type = part.split(';')[0]!.trim().toLowerCase();
      if (type === JSON_TYPE || type === '*/*' || type === 'application/*') return op.facts.stability;
      const version = /^application\/vnd\.segment\.(v1(?:alpha|beta)?)\+json$/.exec(type)?.[1] as Stability | undefined;
      if (version && op.facts.accept.includes(type)) return version;
    }
    return null;
  }

  private resolve(ref: string): unknown {
    return ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, key) => (node as Json)[key], this.document);
  }

  private compile(key: string, schema: Json): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(anchored(schema));
      this.compiled.set(key, validate);
    }
    return validate;
  }
}

/**
 * openapi-backend sees parameters only: bodies and answers are checked against shared, compiled
 * schemas. It splits any `explode: false` value on commas, even a plain string (v32 marks every
 * parameter so); for a primitive the flag changes nothing on the wire, so it is dropped for them.
 */
function parametersOnly(document: Json): Json {
  const schemas = (document.components as { schemas: Record<string, Json> }).schemas;
  const primitive = (schema: Json | undefined): boolean => {
    const resolved = typeof schema?.$ref === 'string' ? schemas[(schema.$ref as string).split('/').pop()!] : schema;
    return ['string', 'number', 'integer', 'boolean'].includes(resolved?.type as string);
  };
  const paths: Record<string, Record<string, Json>> = {};
  for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, Json>>)) {
    paths[path] = {};
    for (const [method, op] of Object.entries(methods)) {
      const parameters = (op.parameters as Json[]).map(({ explode, ...parameter }) =>
        primitive(parameter.schema as Json) ? parameter : { ...parameter, explode },
      );
      paths[path]![method] = { operationId: op.operationId, parameters, responses: {} };
    }
  }
  return { openapi: document.openapi, info: document.info, paths, components: { schemas: (document.components as Json).schemas } };
}

/** Points a schema's local references (`#/components/…`) at the contract document added to Ajv. */
function anchored(schema: unknown): Json {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node as Json).map(([key, value]) => [
        key,
        key === '$ref' && typeof value === 'string' && value.startsWith('#') ? `${CONTRACT_ID}${value}` : visit(value),
      ]),
    );
  };
  return visit(schema) as Json;
}

const pointerToField = (pointer: string): string =>
  pointer
    .split('/')
    .filter(Boolean)
    .map((part, index) => (/^\d+$/.test(part) ? `[${part}]` : `${index ? '.' : ''}${part}`))
    .join('');

function withProperty(base: string, error: ErrorObject): string {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const name = params.missingProperty ?? params.additionalProperty;
  return name ? (base ? `${base}.${name}` : name) : base;
}

function describe(field: string, error: ErrorObject, where: string): string {
  const params = error.params as { additionalProperty?: string };
  if (params.additionalProperty) return `Unknown ${where} '${field}'.`;
  if (error.keyword === 'required') return `${field} is required.`;
  const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
  if (allowed) return `${field} must be one of: ${allowed.join(', ')}.`;
  return `${field || where} ${error.message ?? 'is invalid'}.`;
}

function located(where: 'body' | 'response', error: ErrorObject): ContractError {
  const field = withProperty(pointerToField(error.instancePath), error);
  return { in: where, field, message: describe(field, error, where === 'body' ? 'field' : 'response field') };
}

function parameterError(error: ErrorObject): ContractError {
  const [, part, ...rest] = error.instancePath.split('/');
  const where = part === 'path' ? 'path' : 'query';
  const field = withProperty(pointerToField(rest.join('/')), error);
  return { in: where, field, message: describe(field, error, `${where} parameter`) };
}
