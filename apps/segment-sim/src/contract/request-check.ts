import { parseQuery } from '../http/request';
import { ContractOperation, SegmentContract } from './contract';

/** A request as it reached the wire: the query already parsed (deepObject), the body parsed JSON. */
export interface RequestToCheck {
  path: string;
  query: Record<string, unknown>;
  accept?: string;
  contentType?: string;
  /** True when the request carried a body (even an empty object). */
  hasBody: boolean;
  body?: unknown;
}

/** How Segment answers a request that breaks its contract: the status, the error type, the field. */
export interface Violation {
  status: 400 | 404 | 406 | 415 | 422;
  type: string;
  message: string;
  field?: string;
}

export const mediaTypeOf = (header: string | undefined): string => (header ?? '').split(';')[0]!.trim().toLowerCase();

/**
 * Everything wrong with a request for one operation, in the order Segment would object: a version
 * it does not offer, a body where none is taken (or none where one is required), a body in a media
 * type it does not take, then parameters and body against their schemas. Empty: the request is
 * one Segment accepts as far as its contract tells.
 */
export function requestViolations(contract: SegmentContract, op: ContractOperation, request: RequestToCheck): Violation[] {
  const { operationId, facts } = op;
  const out: Violation[] = [];
  if (!contract.negotiate(op, request.accept)) {
    out.push({
      status: 406,
      type: 'NotAcceptable',
      message: `${operationId} is served as ${facts.accept.join(', ')}; not as '${request.accept}'.`,
    });
  }
  const takesBody = facts.contentTypes.length > 0;
  if (request.hasBody && !takesBody) {
    const inQuery = op.queryParams.length ? ` Its input goes in the query: ${op.queryParams.join(', ')}.` : '';
    out.push({ status: 400, type: 'BadRequest', field: 'body', message: `${operationId} takes no request body.${inQuery}` });
  } else if (!request.hasBody && takesBody) {
    out.push({ status: 422, type: 'ValidationFailure', field: 'body', message: `${operationId} requires a JSON request body.` });
  }
  const mediaType = mediaTypeOf(request.contentType);
  if (request.hasBody && takesBody && !facts.contentTypes.includes(mediaType)) {
    out.push({
      status: 415,
      type: 'UnsupportedMediaType',
      message: `${operationId} takes a body as ${facts.contentTypes.join(', ')}; not as '${request.contentType ?? 'no Content-Type'}'.`,
    });
  }
  for (const error of contract.validateParameters(op, request.path, request.query)) {
    out.push({ status: 422, type: 'ValidationFailure', field: error.field, message: error.message });
  }
  if (request.hasBody && takesBody) {
    for (const error of contract.validateBody(
      op,
      facts.contentTypes.includes(mediaType) ? mediaType : facts.contentTypes[0]!,
      request.body,
    )) {
      out.push({ status: 422, type: 'ValidationFailure', field: error.field || 'body', message: error.message });
    }
  }
  return out;
}

/** A request as a client sent it: method, path with query string, headers, body (not yet serialized). */
export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string | undefined>;
  body?: unknown;
}

/**
 * What Segment would refuse in a request a client sent (the operation it addresses, then every
 * violation); an address no operation of the API serves is a violation of its own.
 */
export function sentRequestViolations(contract: SegmentContract, sent: SentRequest): { operationId?: string; violations: Violation[] } {
  const [path, search = ''] = sent.url.split('?', 2) as [string, string?];
  const op = contract.match(sent.method, path);
  if (!op) {
    return {
      violations: [
        { status: 404, type: 'NotFound', message: `${sent.method} ${path} is not an operation of Segment's API ${contract.apiVersion}.` },
      ],
    };
  }
  const header = (name: string) => Object.entries(sent.headers).find(([key]) => key.toLowerCase() === name)?.[1];
  const violations = requestViolations(contract, op, {
    path,
    query: parseQuery(search),
    accept: header('accept'),
    contentType: header('content-type'),
    hasBody: sent.body !== undefined,
    body: sent.body,
  });
  return { operationId: op.operationId, violations };
}
