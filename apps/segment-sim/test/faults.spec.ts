import { SimHarness } from './support/sim-harness';

describe('simulator fault injection', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await SimHarness.start({ workspaces: [{ slug: 'staging', token: 'sim_staging', size: 400, env: 'staging' }] });
  });
  afterEach(() => h.admin('DELETE', '/faults'));
  afterAll(() => h.stop());

  it('is off by default', async () => {
    expect((await h.admin('GET', '/faults')).body.faults).toEqual([]);
  });

  it('adds latency', async () => {
    await h.admin('POST', '/faults', { kind: 'latency', ms: 150 });
    const res = await h.client().get('/labels');
    expect(res.status).toBe(200);
    expect(res.ms).toBeGreaterThanOrEqual(140);
  });

  it('answers a 5xx at the configured rate', async () => {
    await h.admin('POST', '/faults', { kind: 'error', probability: 1, status: 503, operationId: 'listSources' });
    const failed = await h.client().get('/sources');
    expect(failed.status).toBe(503);
    expect(failed.body.errors[0].type).toBe('InternalServerError');
    expect((await h.client().get('/labels')).status).toBe(200);
    await h.admin('PUT', '/faults', { faults: [{ kind: 'error', probability: 0 }] });
    expect((await h.client().get('/sources')).status).toBe(200);
  });

  it('answers a burst of 429s with Retry-After and msBeforeNext, then recovers', async () => {
    await h.admin('POST', '/faults', { kind: 'rate-limit', remaining: 2, ms: 1500 });
    const a = await h.client().get('/sources');
    const b = await h.client().get('/sources');
    const c = await h.client().get('/sources');
    expect([a.status, b.status, c.status]).toEqual([429, 429, 200]);
    expect(a.headers.get('retry-after')).toBe('2');
    expect(a.body.errors[0].data.msBeforeNext).toBe(1500);
  });

  it('fails one page of a list', async () => {
    await h.admin('POST', '/faults', { kind: 'fail-page', path: '^/destinations$', page: 2 });
    const client = h.client();
    const first = await client.get('/destinations', { pagination: { count: 50 } });
    expect(first.status).toBe(200);
    const second = await client.get('/destinations', { pagination: { count: 50, cursor: first.body.data.pagination.next } });
    expect(second.status).toBe(500);
    expect(second.body.errors[0].message).toMatch(/page 2/);
    const third = await client.get('/destinations', {
      pagination: { count: 50, cursor: second.body?.data?.pagination?.next ?? first.body.data.pagination.next },
    });
    expect(third.status).toBe(500);
  });

  it('hangs a request past the client timeout', async () => {
    await h.admin('POST', '/faults', { kind: 'hang', operationId: 'listSources', remaining: 1, ms: 5000 });
    await expect(h.client().call('GET', '/sources', { timeoutMs: 300 })).rejects.toThrow(/aborted|timeout/i);
    expect((await h.client().get('/sources')).status).toBe(200);
  });

  it('drops the connection', async () => {
    await h.admin('POST', '/faults', { kind: 'drop', remaining: 1 });
    await expect(h.client().get('/labels')).rejects.toThrow();
    expect((await h.client().get('/labels')).status).toBe(200);
  });

  it('can apply a write and then lose the response', async () => {
    await h.admin('POST', '/faults', { kind: 'drop', method: 'POST', path: '^/labels$', remaining: 1, afterHandler: true });
    await expect(h.client().post('/labels', { label: { key: 'lost', value: 'response' } })).rejects.toThrow();
    const labels = await h.client().get('/labels');
    expect(labels.body.data.labels).toContainEqual({ key: 'lost', value: 'response' });
  });

  it('validates fault rules', async () => {
    const res = await h.admin('POST', '/faults', { kind: 'explode' });
    expect(res.status).toBe(422);
  });

  it('counts requests by operation for benchmarks and tests', async () => {
    await h.admin('DELETE', '/stats');
    await h.client().get('/sources');
    await h.client().get('/sources');
    const stats = await h.admin('GET', '/stats');
    expect(stats.body.byOperation.listSources).toBe(2);
    expect(stats.body.total).toBe(2);
  });
});
