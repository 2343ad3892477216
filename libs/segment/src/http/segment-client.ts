import { bulkhead, BulkheadPolicy } from 'cockatiel';
import qs from 'qs';
import { Agent, Dispatcher, request } from 'undici';
import { RequestRateLimiter, TokenLimits } from '../rate-limit/shared-rate-limiter';
import { DEFAULT_RETRY, mayHaveApplied, RetryOptions, retryPolicy, serverWaitMs } from './retry-policy';
import { AmbiguousWriteError, PaginationLoopError, SegmentApiError, SegmentTransportError } from './segment-api-error';

export interface SegmentClientOptions {
  baseUrl: string;
  token: string;
  limits: TokenLimits;
  rateLimiter: RequestRateLimiter;
  /** Concurrent requests from this client. */
  concurrency?: number;
  /** Time allowed for one attempt, answer included. */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Page size asked for (Segment allows 1–1000). */
  pageSize?: number;
  dispatcher?: Dispatcher;
  random?: () => number;
  /** Told of every answer and every wait for a rate-limit slot: the worker's metrics. */
  observer?: SegmentTrafficObserver;
}

/** What leaves for Segment, as figures: no paths with ids, no tokens. */
export interface SegmentTrafficObserver {
  /** An attempt ended: `status` is the HTTP status, 0 when no answer came (timeout, reset). */
  answered(rateClass: string, status: number): void;
  /** An attempt waited `ms` for a slot of the token's shared rate limit. */
  waited(rateClass: string, ms: number): void;
}

export interface RequestOptions {
  query?: Record<string, unknown>;
  body?: unknown;
  /** Endpoint rate-limit class (see RATE_CLASSES). */
  rateClass?: string;
  /** Safe to repeat after an unknown outcome (reads, and writes the caller made idempotent). */
  idempotent?: boolean;
  /** An endpoint served only as beta or alpha takes its body in that version's media type. */
  version?: 'v1beta' | 'v1alpha';
}

/** A request as it leaves for Segment, token left out (the test suite checks every one against Segment's contract). */
export interface SentRequest {
  method: string;
  /** Path and query string, as sent. */
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

const requestObservers = new Set<(request: SentRequest) => void>();

/**
 * Sees every request any client sends, as it is sent; returns the function that stops it. A seam
 * for the test suite, which records them all and checks them against Segment's contract.
 */
export function observeSegmentRequests(observer: (request: SentRequest) => void): () => void {
  requestObservers.add(observer);
  return () => requestObservers.delete(observer);
}

/** The built-in simulator names itself in every answer (Segment sends no such header). */
export const SIMULATOR_INSTANCE_HEADER = 'x-segment-sim-instance';

export interface SegmentResponse<T> {
  status: number;
  data: T;
  /** Requests this call took, retries included. */
  attempts?: number;
}

export interface ClientStats {
  requests: number;
  retries: number;
  byPath: Map<string, number>;
  /** Simulator instances that answered (empty for Segment itself): more than one means crossed wires. */
  simulatorInstances: Set<string>;
}

const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

let sharedAgent: Agent | undefined;
/** One keep-alive connection pool per process, shared by every client. */
function defaultAgent(): Agent {
  sharedAgent ??= new Agent({ keepAliveTimeout: 30_000, connections: 64, pipelining: 1 });
  return sharedAgent;
}

/**
 * Segment's Public API over HTTP: bearer auth, JSON envelopes, cursor pagination, retries with
 * backoff that honour Segment's own waits, a timeout per attempt, bounded concurrency and the
 * shared per-token rate limits. All Segment traffic goes through here.
 */
export class SegmentClient {
  readonly stats: ClientStats = { requests: 0, retries: 0, byPath: new Map(), simulatorInstances: new Set() };
  /** At most `concurrency` attempts in flight; the others wait in order (a retry's wait holds no slot). */
  private readonly slots: BulkheadPolicy;
  private readonly retry: RetryOptions;
  private readonly timeoutMs: number;
  private readonly base: string;

  constructor(private readonly options: SegmentClientOptions) {
    const concurrency = options.concurrency ?? 8;
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('the concurrency limit must be a positive integer');
    this.slots = bulkhead(concurrency, Number.POSITIVE_INFINITY);
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.base = options.baseUrl.replace(/\/+$/, '');
  }

  get pageSize(): number {
    return this.options.pageSize ?? 1000;
  }

  get<T>(path: string, options: RequestOptions = {}): Promise<SegmentResponse<T>> {
    return this.request<T>('GET', path, { idempotent: true, ...options });
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<SegmentResponse<T>> {
    const idempotent = options.idempotent ?? (method === 'GET' || method === 'PUT' || method === 'DELETE');
    const retries = retryPolicy(this.retry, idempotent, this.options.random);
    retries.onRetry(() => this.stats.retries++);
    let attempts = 0;
    try {
      const response = await retries.execute(() => {
        attempts++;
        return this.slots.execute(() => this.attempt<T>(method, path, options));
      });
      return { ...response, attempts };
    } catch (error) {
      // a write that may have happened must be looked for, never simply repeated
      if (!idempotent && mayHaveApplied(error)) throw new AmbiguousWriteError(method, path, error);
      throw error;
    }
  }

  private async attempt<T>(method: string, path: string, options: RequestOptions): Promise<SegmentResponse<T>> {
    const rateClass = options.rateClass ?? 'default';
    const waitStarted = Date.now();
    await this.options.rateLimiter.acquire(this.options.limits, options.rateClass);
    this.options.observer?.waited(rateClass, Date.now() - waitStarted);
    const query =
      options.query && Object.keys(options.query).length
        ? `?${qs.stringify(options.query, { encodeValuesOnly: true, arrayFormat: 'indices' })}`
        : '';
    const url = `${this.base}${path}${query}`;
    this.stats.requests++;
    this.stats.byPath.set(path, (this.stats.byPath.get(path) ?? 0) + 1);
    // Plain JSON asks for an endpoint's most stable version, which every endpoint answers; a body
    // sent to a beta or alpha endpoint must be in its versioned media type.
    const mediaType = options.version ? `application/vnd.segment.${options.version}+json` : 'application/json';
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.token}`,
      accept: mediaType,
      'user-agent': 'segment-config-backup/0.1',
      ...(options.body !== undefined ? { 'content-type': mediaType } : {}),
    };
    if (requestObservers.size) {
      const { authorization: _token, ...shown } = headers;
      for (const observe of requestObservers) observe({ method, url: `${path}${query}`, headers: shown, body: options.body });
    }
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method: method as Dispatcher.HttpMethod,
        dispatcher: this.options.dispatcher ?? defaultAgent(),
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        // undici's own timers: no answer (headers) or no progress (body) within the timeout
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
    } catch (error) {
      this.options.observer?.answered(rateClass, 0);
      throw this.transportError(method, path, error);
    }
    this.options.observer?.answered(rateClass, response.statusCode);
    let text: string;
    try {
      text = await response.body.text();
    } catch (error) {
      throw this.transportError(method, path, error);
    }
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      throw new SegmentApiError(response.statusCode, method, path, { type: 'InvalidResponse', message: `not JSON: ${text.slice(0, 120)}` });
    }
    const instance = response.headers[SIMULATOR_INSTANCE_HEADER];
    if (typeof instance === 'string') this.stats.simulatorInstances.add(instance);
    const waitMs = serverWaitMs(response.statusCode, response.headers, parsed);
    if (response.statusCode === 429 || response.headers['x-ratelimit-remaining'] === '0') {
      await this.options.rateLimiter.pause(this.options.limits, waitMs ?? 1000);
    }
    if (response.statusCode >= 400) {
      const error = (parsed as { errors?: Array<Record<string, unknown>> } | undefined)?.errors?.[0] ?? {
        type: 'HttpError',
        message: text.slice(0, 200),
      };
      throw new SegmentApiError(response.statusCode, method, path, error, response.statusCode === 429 ? (waitMs ?? 1000) : undefined);
    }
    return { status: response.statusCode, data: (parsed as { data: T } | undefined)?.data as T };
  }

  private transportError(method: string, path: string, error: unknown): SegmentTransportError {
    const err = error as { code?: string; name?: string; message?: string; cause?: { code?: string } };
    const code = err.code ?? err.cause?.code ?? err.name ?? 'unknown';
    if (err.name === 'TimeoutError' || err.name === 'AbortError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return new SegmentTransportError(method, path, `timed out after ${this.timeoutMs} ms`, true);
    }
    if (!RETRYABLE_CODES.has(code)) return new SegmentTransportError(method, path, `${code}: ${err.message ?? ''}`, true);
    return new SegmentTransportError(method, path, `${code}: ${err.message ?? ''}`, !NOT_SENT_CODES.has(code));
  }

  /**
   * Yields every page of a cursor-paginated list, following `pagination.next` until it is null.
   * A cursor seen before means the server is looping: that is an error, never an endless read.
   */
  async *pages<T>(path: string, itemsKey: string, options: RequestOptions = {}): AsyncGenerator<T[]> {
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const pagination: Record<string, unknown> = { count: this.pageSize };
      if (cursor) pagination.cursor = cursor;
      const { data } = await this.get<Record<string, unknown>>(path, { ...options, query: { ...(options.query ?? {}), pagination } });
      pages++;
      yield (data?.[itemsKey] as T[] | undefined) ?? [];
      const next = (data?.pagination as { next?: string | null } | undefined)?.next ?? null;
      if (!next) return;
      if (seen.has(next) || next === cursor) throw new PaginationLoopError(path, next, pages);
      seen.add(next);
      cursor = next;
    }
  }

  async listAll<T>(path: string, itemsKey: string, options: RequestOptions = {}): Promise<T[]> {
    const out: T[] = [];
    for await (const page of this.pages<T>(path, itemsKey, options)) out.push(...page);
    return out;
  }
}
