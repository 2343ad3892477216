import type { ErrorObject } from 'ajv';
import OpenAPIBackend from 'openapi-backend';
import type { OpenAPIV3 } from 'openapi-types';
import type request from 'supertest';
import { operationsOf } from './openapi-document';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const errorsOf = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`)
    .join('; ');

/**
 * Every object schema that lists its properties and says nothing of others is closed: a field the
 * code answers with and the document does not describe is a drift too.
 */
function closed<T>(node: T): T {
  if (Array.isArray(node)) node.forEach(closed);
  else if (node && typeof node === 'object') {
    const schema = node as Record<string, unknown>;
    if (schema.properties && typeof schema.properties === 'object' && schema.additionalProperties === undefined)
      schema.additionalProperties = false;
    Object.values(schema).forEach(closed);
  }
  return node;
}

/**
 * Checks real answers against the published OpenAPI document with openapi-backend (Ajv): the route
 * must be an operation of the document, its status one the operation declares, its media type the
 * declared one, and a JSON body must match the declared schema. Failures are collected, not thrown,
 * so one run names every drift; `uncovered()` names the operations no answer exercised.
 */
export class ResponseChecker {
  readonly failures: string[] = [];
  readonly covered = new Set<string>();
  validated = 0;
  private readonly api: OpenAPIBackend;

  constructor(private readonly document: OpenAPIV3.Document) {
    // a copy: openapi-backend dereferences the document it is given in place
    this.api = new OpenAPIBackend({
      definition: closed(structuredClone(document)) as never,
      validate: true,
      coerceTypes: true,
      ajvOpts: { strict: false, allErrors: true },
      // the formats the document uses, checked (not ignored): an id that is no UUID, a date that is no instant
      customizeAjv: (ajv) =>
        ajv
          .addFormat('uuid', UUID)
          .addFormat('date-time', (value: string) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)))
          .addFormat('binary', true),
    });
  }

  async init(): Promise<void> {
    await this.api.init();
  }

  /** Records the answer to `METHOD url` (with its query) as checked, or why it is not what the document says. */
  check(method: string, url: string, res: request.Response, expectedStatus?: number, body?: object): request.Response {
    const where = `${method} ${url} → ${res.status}`;
    if (expectedStatus !== undefined && res.status !== expectedStatus)
      this.failures.push(`${where}: expected ${expectedStatus} (${JSON.stringify(res.body).slice(0, 300)})`);
    const [path] = url.split('?');
    const operation = this.api.matchOperation({ method, path: path!, headers: {} });
    if (!operation?.operationId) {
      this.failures.push(`${where}: no operation of the document matches`);
      return res;
    }
    this.covered.add(operation.operationId);
    // the request too: a valid request the docs would call invalid (or the reverse) is a drift as well
    if (res.status < 400) {
      const query = Object.fromEntries(new URLSearchParams(url.split('?')[1] ?? ''));
      const sent = this.api.validateRequest(
        { method, path: path!, query, headers: { 'content-type': 'application/json' }, body },
        operation,
      );
      if (!sent.valid) this.failures.push(`${where}: the request does not match ${operation.operationId}: ${errorsOf(sent.errors)}`);
    }
    const declared = operation.responses?.[String(res.status)] as OpenAPIV3.ResponseObject | undefined;
    if (!declared) {
      this.failures.push(`${where}: ${operation.operationId} does not declare ${res.status} (${Object.keys(operation.responses ?? {})})`);
      return res;
    }
    if (res.status === 204) return this.validatedOk(res);
    const mediaType = String(res.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim();
    const content = declared.content ?? {};
    if (!content[mediaType]) {
      this.failures.push(`${where}: answered ${mediaType}, the document says ${Object.keys(content).join(', ') || 'no content'}`);
      return res;
    }
    if (mediaType !== 'application/json') return this.validatedOk(res); // a file or text: its media type is what can be checked
    const result = this.api.validateResponse(res.body, operation, res.status);
    if (!result.valid)
      this.failures.push(`${where}: body does not match ${operation.operationId} ${res.status}: ${errorsOf(result.errors)}`);
    else this.validated += 1;
    return res;
  }

  /** Operations of the document no checked answer reached, as `METHOD /path (operationId)`. */
  uncovered(): string[] {
    return operationsOf(this.document)
      .filter(({ id }) => !this.covered.has(id))
      .map(({ method, path, id }) => `${method} ${path} (${id})`);
  }

  private validatedOk(res: request.Response): request.Response {
    this.validated += 1;
    return res;
  }
}
