import qs from 'qs';
import { SegmentContract } from '../../src/contract/contract';
import { FaultRule } from '../../src/control/faults';
import { SeedWorkspace } from '../../src/generator/seed';
import { DEFAULT_RATE_LIMIT, SegmentSimulator, SimOptions } from '../../src/sim-server';

export interface SimResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  ms: number;
}

export interface CallOptions {
  query?: Record<string, unknown>;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** A simulator on a free port, for one test file. */
export class SimHarness {
  constructor(
    readonly sim: SegmentSimulator,
    readonly url: string,
  ) {}

  static async start(overrides: Partial<SimOptions> & { workspaces?: SeedWorkspace[] } = {}): Promise<SimHarness> {
    const sim = new SegmentSimulator({
      seed: 'test-seed',
      workspaces: [{ slug: 'staging', token: 'sim_staging', size: 120, env: 'staging' }],
      rateLimit: { ...DEFAULT_RATE_LIMIT, enabled: false },
      faults: [],
      ...overrides,
    });
    const { url } = await sim.listen(0);
    return new SimHarness(sim, url);
  }

  client(token = 'sim_staging'): SimClient {
    return new SimClient(this.url, token);
  }

  async admin<T = any>(method: string, path: string, body?: unknown): Promise<SimResponse<T>> {
    return request<T>(this.url, method, `/__sim${path}`, { body });
  }

  stop(): Promise<void> {
    return this.sim.close();
  }
}

export class SimClient {
  constructor(
    readonly url: string,
    readonly token: string,
  ) {}

  call<T = any>(method: string, path: string, options: CallOptions = {}): Promise<SimResponse<T>> {
    return request<T>(this.url, method, path, {
      ...options,
      headers: { Authorization: `Bearer ${this.token}`, ...(options.headers ?? {}) },
    });
  }

  get<T = any>(path: string, query?: Record<string, unknown>) {
    return this.call<T>('GET', path, { query });
  }
  post<T = any>(path: string, body?: unknown) {
    return this.call<T>('POST', path, { body });
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.call<T>('PATCH', path, { body });
  }
  put<T = any>(path: string, body?: unknown) {
    return this.call<T>('PUT', path, { body });
  }
  delete<T = any>(path: string, query?: Record<string, unknown>) {
    return this.call<T>('DELETE', path, { query });
  }

  /** Follows `pagination.next` to the last page. */
  async listAll<T = any>(
    path: string,
    key: string,
    count = 200,
    query: Record<string, unknown> = {},
  ): Promise<{ items: T[]; pages: number }> {
    const items: T[] = [];
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const res = await this.get(path, { ...query, pagination: { count, ...(cursor ? { cursor } : {}) } });
      if (res.status !== 200) throw new Error(`${path} → ${res.status} ${JSON.stringify(res.body)}`);
      pages++;
      items.push(...res.body.data[key]);
      cursor = res.body.data.pagination?.next ?? undefined;
      if (!cursor) return { items, pages };
    }
  }
}

/** The media type a well-behaved client sends a body in: the operation's first (plain JSON for v1 operations). */
function contentTypeFor(method: string, path: string): string {
  if (path.startsWith('/__sim')) return 'application/json';
  return SegmentContract.load().match(method, path)?.facts.contentTypes[0] ?? 'application/json';
}

/**
 * Lists that take `pagination` get a page size unless the test says otherwise (even `pagination:
 * undefined`), as a client following the contract sends it: most lists require it.
 */
function withPagination(method: string, path: string, query: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (path.startsWith('/__sim') || (query && 'pagination' in query)) return query;
  const op = SegmentContract.load().match(method, path);
  return op?.queryParams.includes('pagination') ? { ...query, pagination: { count: 200 } } : query;
}

export async function request<T>(base: string, method: string, path: string, options: CallOptions = {}): Promise<SimResponse<T>> {
  const params = withPagination(method, path, options.query);
  const query = params ? `?${qs.stringify(params, { encodeValuesOnly: true })}` : '';
  const started = Date.now();
  const res = await fetch(`${base}${path}${query}`, {
    method,
    headers: {
      Accept: 'application/json',
      ...(options.body !== undefined ? { 'Content-Type': contentTypeFor(method, path) } : {}),
      ...(options.headers ?? {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined, ms: Date.now() - started };
}

export const fault = (rule: FaultRule) => rule;
