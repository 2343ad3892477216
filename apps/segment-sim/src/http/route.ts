import { IntegrationCatalog } from '../integration-catalog/integration-catalog';
import { SimState, TokenInfo } from '../state/sim-state';
import { Feature, WorkspaceState } from '../state/workspace-state';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Stability = 'v1' | 'v1beta' | 'v1alpha';

export interface EndpointRateLimit {
  points: number;
  per: 'minute' | 'day';
}

export interface RequestContext {
  state: SimState;
  catalog: IntegrationCatalog;
  ws: WorkspaceState;
  token: TokenInfo;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  operationId: string;
  /** The version (media type) the answer is given in: a few operations answer differently per version. */
  version: Stability;
  /** Called by list handlers with the 1-based page number, so that a fault can fail one page. */
  onPage(page: number): void;
}

/** `data` is serialized by the server; `dataJson` is a pre-serialized `data` object (big lists). */
export type HandlerResult = { status?: number; data: unknown } | { status?: number; dataJson: string | Buffer };

export interface RouteDef {
  operationId: string;
  method: HttpMethod;
  /** find-my-way syntax, e.g. `/sources/:sourceId`. */
  path: string;
  feature?: Feature;
  rateLimit?: EndpointRateLimit;
  /** Request cap: tracking plans 2 MB, functions 25 MB (segment-docs, config-api/migrate.md). */
  maxBodyBytes?: number;
  handler(ctx: RequestContext): HandlerResult;
}

export const MB = 1024 * 1024;

/** What a route may add to its operation: the feature it needs, its own rate limit, a body cap. */
export type RouteLimits = Pick<RouteDef, 'feature' | 'rateLimit' | 'maxBodyBytes'>;
type Handler = RouteDef['handler'];

/**
 * One operation of Segment's API, declared as its documents list it: `route('getSource',
 * 'GET /sources/:sourceId', handler)`, with its limits before the handler when it has any.
 */
export function route(operationId: string, endpoint: `${HttpMethod} /${string}`, handler: Handler): RouteDef;
export function route(operationId: string, endpoint: `${HttpMethod} /${string}`, limits: RouteLimits, handler: Handler): RouteDef;
export function route(operationId: string, endpoint: `${HttpMethod} /${string}`, ...rest: [Handler] | [RouteLimits, Handler]): RouteDef {
  const [method, path] = endpoint.split(' ') as [HttpMethod, string];
  const [limits, handler] = rest.length === 1 ? [{}, rest[0]] : rest;
  return { operationId, method, path, ...limits, handler };
}
