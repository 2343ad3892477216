import { SimHarness } from './support/sim-harness';

describe('simulator rate limits', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await SimHarness.start({ rateLimit: { enabled: true, perMinute: 3, timeScale: 60 } });
  });
  afterEach(() => h.stop());

  it('reports consumption in X-RateLimit headers and answers 429 with msBeforeNext past the limit', async () => {
    const client = h.client();
    const first = await client.get('/sources');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-consumed')).toBe('1');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('2');
    expect(Date.parse(first.headers.get('x-ratelimit-reset')!)).toBeGreaterThan(Date.now() - 1000);
    await client.get('/sources');
    await client.get('/sources');
    const limited = await client.get('/sources');
    expect(limited.status).toBe(429);
    expect(limited.body.errors[0]).toMatchObject({ type: 'RateLimited' });
    expect(limited.body.errors[0].data.msBeforeNext).toBeGreaterThan(0);
    expect(limited.body.errors[0].data.msBeforeNext).toBeLessThanOrEqual(1000);
    expect(limited.body.errors[0].data.remainingPoints).toBe(0);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('frees the window after msBeforeNext (the time scale makes a minute one second)', async () => {
    const client = h.client();
    for (let i = 0; i < 3; i++) await client.get('/labels');
    const limited = await client.get('/labels');
    expect(limited.status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, limited.body.errors[0].data.msBeforeNext + 50));
    expect((await client.get('/labels')).status).toBe(200);
  });

  it('limits each token on its own', async () => {
    await h.admin('POST', '/workspaces', { slug: 'other', token: 'sim_other', size: 0 });
    for (let i = 0; i < 3; i++) await h.client().get('/labels');
    expect((await h.client().get('/labels')).status).toBe(429);
    expect((await h.client('sim_other').get('/labels')).status).toBe(200);
  });

  it('applies the lower per-endpoint limit: subscription writes at 5 per minute', async () => {
    await h.admin('PUT', '/rate-limits', { perMinute: 1000, timeScale: 1 });
    const ws = h.sim.state.workspaces.get('staging')!;
    const [destinationId, subs] = [...ws.subscriptions].find(([, c]) => c.size > 0)!;
    const sub = subs.values()[0]!;
    const client = h.client();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (await client.patch(`/destinations/${destinationId}/subscriptions/${sub.id}`, { input: { name: `renamed ${i}` } })).status,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    // reads of the same resource are not limited by the write limit
    expect((await client.get(`/destinations/${destinationId}/subscriptions/${sub.id}`)).status).toBe(200);
  });

  it('can be switched off at runtime', async () => {
    await h.admin('PUT', '/rate-limits', { enabled: false });
    for (let i = 0; i < 10; i++) expect((await h.client().get('/labels')).status).toBe(200);
    expect((await h.admin('PUT', '/rate-limits', { perMinute: 0 })).status).toBe(422);
  });
});
