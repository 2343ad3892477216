import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { UNLIMITED } from '../rate-limit/unlimited';
import { AmbiguousWriteError, PaginationLoopError, SegmentApiError, SegmentTransportError } from './segment-api-error';
import { SegmentClient, SegmentClientOptions } from './segment-client';

interface Seen {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}
type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const fail = (res: ServerResponse, status: number, error: Record<string, unknown>, headers: Record<string, string> = {}) =>
  json(res, status, { errors: [error] }, headers);

let server: Server;
let baseUrl: string;
let handler: Handler;
let seen: Seen[];
let agent: Agent;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({
        method: req.method!,
        url: new URL(req.url!, 'http://localhost'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      handler(req, res, seen.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen = [];
  agent = new Agent({ keepAliveTimeout: 1000 });
});
afterEach(async () => {
  server.closeAllConnections();
  await agent.destroy();
  jest.restoreAllMocks();
});

const client = (overrides: Partial<SegmentClientOptions> = {}) =>
  new SegmentClient({
    baseUrl,
    token: 'sekret-token',
    limits: { tokenKey: 'fp', perMinute: 1000 },
    rateLimiter: UNLIMITED,
    pageSize: 2,
    timeoutMs: 5000,
    retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    dispatcher: agent,
    ...overrides,
  });

describe('SegmentClient pagination', () => {
  it('follows pagination.next until it is null', async () => {
    const pages: Record<string, { items: number[]; next: string | null }> = {
      '': { items: [1, 2], next: 'c1' },
      c1: { items: [3, 4], next: 'c2' },
      c2: { items: [5], next: null },
    };
    handler = (req, res) => {
      const url = new URL(req.url!, 'http://x');
      const page = pages[url.searchParams.get('pagination[cursor]') ?? '']!;
      json(res, 200, { data: { sources: page.items, pagination: { current: 'x', next: page.next } } });
    };
    const c = client();
    expect(await c.listAll<number>('/sources', 'sources', { query: { include: 'all' } })).toEqual([1, 2, 3, 4, 5]);
    expect(c.stats.requests).toBe(3);
    expect(c.stats.retries).toBe(0);
    expect(c.stats.byPath.get('/sources')).toBe(3);
    expect(
      seen.map((s) => [
        s.url.pathname,
        s.url.searchParams.get('pagination[count]'),
        s.url.searchParams.get('pagination[cursor]'),
        s.url.searchParams.get('include'),
      ]),
    ).toEqual([
      ['/sources', '2', null, 'all'],
      ['/sources', '2', 'c1', 'all'],
      ['/sources', '2', 'c2', 'all'],
    ]);
    expect(seen[0]!.headers.authorization).toBe('Bearer sekret-token');
    expect(seen[0]!.headers.accept).toBe('application/json');
  });

  it('a single page without pagination, and a page without items, are fine', async () => {
    handler = (_req, res) => json(res, 200, { data: {} });
    expect(await client().listAll('/labels', 'labels')).toEqual([]);
  });

  it('a repeated cursor throws PaginationLoopError instead of looping', async () => {
    const next: Record<string, string> = { '': 'a', a: 'b', b: 'a' };
    handler = (req, res) =>
      json(res, 200, {
        data: { sources: [1], pagination: { next: next[new URL(req.url!, 'http://x').searchParams.get('pagination[cursor]') ?? ''] } },
      });
    const c = client();
    const error = await c.listAll('/sources', 'sources').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationLoopError);
    expect(error).toMatchObject({ path: '/sources', cursor: 'a', pages: 3 });
    expect(c.stats.requests).toBe(3);
  });

  it('a cursor that points to itself is a loop too', async () => {
    handler = (_req, res) => json(res, 200, { data: { sources: [1], pagination: { next: 'same' } } });
    await expect(client().listAll('/sources', 'sources')).rejects.toBeInstanceOf(PaginationLoopError);
    expect(seen).toHaveLength(2);
  });
});

describe('SegmentClient retries', () => {
  it('a 429 with errors[0].data.msBeforeNext is retried after that wait and succeeds', async () => {
    const pause = jest.spyOn(UNLIMITED, 'pause');
    handler = (_req, res, n) =>
      n === 1
        ? fail(res, 429, { type: 'too-many-requests', message: 'slow down', data: { msBeforeNext: 120, remainingPoints: 0 } })
        : json(res, 200, { data: { ok: true } });
    const c = client();
    const started = Date.now();
    const response = await c.get<{ ok: boolean }>('/sources');
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    expect(response).toEqual({ status: 200, data: { ok: true }, attempts: 2 });
    expect(c.stats.requests).toBe(2);
    expect(c.stats.retries).toBe(1);
    expect(pause).toHaveBeenCalledWith({ tokenKey: 'fp', perMinute: 1000 }, 120);
  });

  it('a 429 on a write is retried (it was refused before any effect)', async () => {
    handler = (_req, res, n) =>
      n === 1 ? fail(res, 429, { type: 'rate', data: { msBeforeNext: 1 } }) : json(res, 200, { data: { source: { id: 's1' } } });
    const c = client();
    expect((await c.request('POST', '/sources', { body: { slug: 'web' } })).data).toEqual({ source: { id: 's1' } });
    expect(c.stats.requests).toBe(2);
    expect(seen[1]!.body).toBe('{"slug":"web"}');
    expect(seen[1]!.headers['content-type']).toBe('application/json');
  });

  it('429s have their own budget: a burst longer than maxAttempts still succeeds', async () => {
    handler = (_req, res, n) => (n <= 4 ? fail(res, 429, { type: 'rate', data: { msBeforeNext: 1 } }) : json(res, 200, { data: { n } }));
    const c = client({ retry: { maxAttempts: 2, maxRateLimited: 10, baseDelayMs: 5, maxDelayMs: 20 } });
    expect((await c.get('/sources')).data).toEqual({ n: 5 });
    expect(c.stats.requests).toBe(5);
  });

  it('endless 429s give up after maxRateLimited answers', async () => {
    handler = (_req, res) => fail(res, 429, { type: 'rate', data: { msBeforeNext: 1 } });
    const c = client({ retry: { maxAttempts: 10, maxRateLimited: 3, baseDelayMs: 5, maxDelayMs: 20 } });
    await expect(c.get('/sources')).rejects.toMatchObject({ status: 429 });
    expect(c.stats.requests).toBe(3);
  });

  it('a 500 on GET is retried', async () => {
    handler = (_req, res, n) => (n === 1 ? fail(res, 500, { type: 'internal', message: 'oops' }) : json(res, 200, { data: { n } }));
    const c = client();
    expect((await c.get('/sources')).data).toEqual({ n: 2 });
    expect(c.stats.requests).toBe(2);
  });

  it('a GET that keeps failing gives up after maxAttempts with the last error', async () => {
    handler = (_req, res) => fail(res, 503, { type: 'unavailable', message: 'down' });
    const c = client();
    const error = await c.get('/sources').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SegmentApiError);
    expect((error as SegmentApiError).status).toBe(503);
    expect(c.stats.requests).toBe(3);
    expect(c.stats.retries).toBe(2);
  });

  it('a 500 on POST is an AmbiguousWriteError and is not retried', async () => {
    handler = (_req, res) => fail(res, 500, { type: 'internal', message: 'oops' });
    const c = client();
    const error = await c.request('POST', '/sources', { body: { slug: 'web' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousWriteError);
    expect((error as AmbiguousWriteError).cause).toBeInstanceOf(SegmentApiError);
    expect(((error as AmbiguousWriteError).cause as SegmentApiError).status).toBe(500);
    expect(c.stats.requests).toBe(1);
  });

  it('a 422 is not retried and surfaces status and field', async () => {
    handler = (_req, res) => fail(res, 422, { type: 'validation', message: 'name is update-only', field: 'name' });
    const c = client();
    const error = await c.get('/sources').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SegmentApiError);
    expect(error).toMatchObject({
      status: 422,
      method: 'GET',
      path: '/sources',
      error: { field: 'name', type: 'validation' },
      details: { status: 422, field: 'name' },
    });
    expect((error as SegmentApiError).retryable).toBe(false);
    expect(c.stats.requests).toBe(1);
  });

  it('an answer that is not JSON is an error, not data', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>proxy</html>');
    };
    await expect(client().get('/sources')).rejects.toMatchObject({ status: 200, error: { type: 'InvalidResponse' } });
  });

  it('a server that never answers times out and the GET is retried', async () => {
    handler = (_req, res, n) => {
      if (n > 1) json(res, 200, { data: { late: false } });
    };
    const c = client({ timeoutMs: 200 });
    const started = Date.now();
    expect((await c.get('/sources')).data).toEqual({ late: false });
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
    expect(c.stats.requests).toBe(2);
  });

  it('a POST that times out is ambiguous and not retried', async () => {
    handler = () => undefined;
    const c = client({ timeoutMs: 200 });
    const error = await c.request('POST', '/sources', { body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousWriteError);
    expect((error as AmbiguousWriteError).cause).toBeInstanceOf(SegmentTransportError);
    expect(((error as AmbiguousWriteError).cause as SegmentTransportError).reason).toBe('timed out after 200 ms');
    expect(c.stats.requests).toBe(1);
  });

  it('a connection reset on GET is retried', async () => {
    handler = (req, res, n) => (n === 1 ? req.socket.destroy() : json(res, 200, { data: { ok: 1 } }));
    const c = client();
    expect((await c.get('/sources')).data).toEqual({ ok: 1 });
    expect(c.stats.requests).toBe(2);
  });

  it('a connection reset on POST is ambiguous and not retried', async () => {
    handler = (req) => req.socket.destroy();
    const c = client();
    await expect(c.request('POST', '/sources', { body: {} })).rejects.toBeInstanceOf(AmbiguousWriteError);
    expect(c.stats.requests).toBe(1);
  });

  it('a refused connection is retried even for a write, and is not ambiguous', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const c = client({ baseUrl: `http://127.0.0.1:${port}` });
    const error = await c.request('POST', '/sources', { body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SegmentTransportError);
    expect((error as SegmentTransportError).sent).toBe(false);
    expect(c.stats.requests).toBe(3);
  });
});

describe('SegmentClient rate-limit headers', () => {
  it('pauses the shared limiter when a success says nothing remains', async () => {
    const pause = jest.spyOn(UNLIMITED, 'pause');
    const reset = new Date(Date.now() + 30_000).toUTCString();
    handler = (_req, res) => json(res, 200, { data: {} }, { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': reset });
    await client().get('/sources');
    expect(pause).toHaveBeenCalledTimes(1);
    const waited = pause.mock.calls[0]![1];
    expect(waited).toBeGreaterThan(25_000);
    expect(waited).toBeLessThanOrEqual(30_000);
  });

  it('does not pause while requests remain', async () => {
    const pause = jest.spyOn(UNLIMITED, 'pause');
    handler = (_req, res) =>
      json(res, 200, { data: {} }, { 'X-RateLimit-Remaining': '5', 'X-RateLimit-Reset': new Date(Date.now() + 30_000).toUTCString() });
    await client().get('/sources');
    expect(pause).not.toHaveBeenCalled();
  });

  it('acquires a slot of the given rate class before every attempt', async () => {
    const acquire = jest.spyOn(UNLIMITED, 'acquire');
    handler = (_req, res, n) => (n === 1 ? fail(res, 502, {}) : json(res, 200, { data: {} }));
    await client().get('/tracking-plans/tp/rules', { rateClass: 'tracking-plan-rules-read' });
    expect(acquire).toHaveBeenCalledTimes(2);
    expect(acquire).toHaveBeenCalledWith({ tokenKey: 'fp', perMinute: 1000 }, 'tracking-plan-rules-read');
  });
});

describe('SegmentClient concurrency', () => {
  it('refuses limits that are not positive integers', () => {
    for (const concurrency of [0, -1, 1.5, Number.NaN])
      expect(() => client({ concurrency })).toThrow('the concurrency limit must be a positive integer');
  });

  it('never has more than `concurrency` requests in flight, and answers them all', async () => {
    let active = 0;
    let peak = 0;
    handler = (req, res, n) => {
      active++;
      peak = Math.max(peak, active);
      setTimeout(
        () => {
          active--;
          json(res, 200, { data: { path: new URL(req.url!, 'http://x').pathname } });
        },
        (n * 7) % 5,
      );
    };
    const c = client({ concurrency: 3 });
    const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => c.get<{ path: string }>(`/r${i}`)));
    expect(answers.map((a) => a.data.path)).toEqual(Array.from({ length: 25 }, (_, i) => `/r${i}`));
    expect(peak).toBe(3);
    expect(c.stats.requests).toBe(25);
  });

  it('holds waiting requests until a slot frees, then starts them in order', async () => {
    const held = new Map<string, ServerResponse>();
    handler = (req, res) => held.set(new URL(req.url!, 'http://x').pathname, res);
    const arrived = async (count: number) => {
      for (let i = 0; i < 400 && held.size < count; i++) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, 20)); // time for a request that should not come
      return [...held.keys()];
    };
    const answer = (path: string) => json(held.get(path)!, 200, { data: { path } });
    const c = client({ concurrency: 2 });
    const calls = ['/a', '/b', '/c', '/d'].map((path) => c.get(path));
    expect(await arrived(2)).toEqual(['/a', '/b']);
    answer('/b');
    expect(await arrived(3)).toEqual(['/a', '/b', '/c']);
    answer('/a');
    expect(await arrived(4)).toEqual(['/a', '/b', '/c', '/d']);
    answer('/c');
    answer('/d');
    expect((await Promise.all(calls)).map((r) => r.data)).toEqual(['/a', '/b', '/c', '/d'].map((path) => ({ path })));
  });

  it('a failed request frees its slot, and its error reaches the caller', async () => {
    handler = (req, res) =>
      req.url!.startsWith('/bad') ? fail(res, 422, { type: 'validation', message: 'no' }) : json(res, 200, { data: { ok: true } });
    const c = client({ concurrency: 1 });
    await expect(c.get('/bad')).rejects.toMatchObject({ status: 422 });
    await expect(c.get('/good')).resolves.toMatchObject({ data: { ok: true } });
  });

  it('a request waiting to retry holds no slot: others go ahead meanwhile', async () => {
    handler = (req, res, n) =>
      req.url!.startsWith('/slow') && n === 1
        ? fail(res, 429, { type: 'rate', data: { msBeforeNext: 300 } })
        : json(res, 200, { data: { path: new URL(req.url!, 'http://x').pathname } });
    const c = client({ concurrency: 1 });
    const finished: string[] = [];
    const slow = c.get('/slow').then(() => finished.push('/slow'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await c.get('/fast').then(() => finished.push('/fast'));
    await slow;
    expect(finished).toEqual(['/fast', '/slow']);
  });
});
