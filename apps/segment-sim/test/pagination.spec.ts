import { SimHarness } from './support/sim-harness';

describe('simulator pagination', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await SimHarness.start({ workspaces: [{ slug: 'staging', token: 'sim_staging', size: 600, env: 'staging' }] });
  });
  afterAll(() => h.stop());

  it('follows opaque cursors to the last page, where next is null', async () => {
    const client = h.client();
    const total = h.sim.state.workspaces.get('staging')!.destinations.size;
    expect(total).toBeGreaterThan(100);
    const { items, pages } = await client.listAll('/destinations', 'destinations', 40);
    expect(items).toHaveLength(total);
    expect(new Set(items.map((d: { id: string }) => d.id)).size).toBe(total);
    expect(pages).toBe(Math.ceil(total / 40));

    const first = await client.get('/destinations', { pagination: { count: 40 } });
    expect(first.body.data.pagination.previous).toBeNull();
    expect(first.body.data.pagination.totalEntries).toBe(total);
    const second = await client.get('/destinations', { pagination: { count: 40, cursor: first.body.data.pagination.next } });
    expect(second.body.data.pagination.current).toBe(first.body.data.pagination.next);
    const back = await client.get('/destinations', { pagination: { count: 40, cursor: second.body.data.pagination.previous } });
    expect(back.body.data.destinations.map((d: { id: string }) => d.id)).toEqual(
      first.body.data.destinations.map((d: { id: string }) => d.id),
    );
  });

  it('keeps a cursor valid when items are deleted between pages', async () => {
    const client = h.client();
    const first = await client.get('/destinations', { pagination: { count: 10 } });
    const lastOfFirst = first.body.data.destinations[9].id;
    const ws = h.sim.state.workspaces.get('staging')!;
    const ids = ws.destinations.keyList();
    const nextExpected = ids[ids.indexOf(lastOfFirst) + 1];
    // delete the last item of the page already read: the next page must still start right after it
    ws.destinations.delete(lastOfFirst);
    const second = await client.get('/destinations', { pagination: { count: 10, cursor: first.body.data.pagination.next } });
    expect(second.body.data.destinations[0].id).toBe(nextExpected);
  });

  it('defaults to 200 items and accepts up to 1000', async () => {
    const client = h.client();
    const res = await client.get('/destinations');
    expect(res.body.data.destinations).toHaveLength(Math.min(200, res.body.data.pagination.totalEntries));
    const big = await client.get('/destinations', { pagination: { count: 1000 } });
    expect(big.status).toBe(200);
  });

  it.each([['0'], ['1001'], ['abc'], ['1.5']])('rejects pagination[count]=%s with 422 naming the field', async (count) => {
    const res = await h.client().get('/sources', { pagination: { count } });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ type: 'ValidationFailure', field: 'pagination.count' });
  });

  it('rejects a forged cursor and a cursor from another list', async () => {
    const client = h.client();
    const forged = await client.get('/sources', { pagination: { count: 5, cursor: 'not-a-cursor' } });
    expect(forged.status).toBe(422);
    expect(forged.body.errors[0].field).toBe('pagination.cursor');
    const sources = await client.get('/sources', { pagination: { count: 1 } });
    const crossed = await client.get('/destinations', { pagination: { count: 5, cursor: sources.body.data.pagination.next } });
    expect(crossed.status).toBe(422);
  });

  it('does not paginate labels, as Segment does not', async () => {
    const res = await h.client().get('/labels');
    expect(res.status).toBe(200);
    expect(res.body.data.pagination).toBeUndefined();
    expect(res.body.data.labels.length).toBe(h.sim.state.workspaces.get('staging')!.labels.size);
  });

  it('pages child lists (tracking-plan rules) the same way', async () => {
    const client = h.client();
    const plans = await client.get('/tracking-plans');
    const plan = plans.body.data.trackingPlans[0];
    const { items } = await client.listAll(`/tracking-plans/${plan.id}/rules`, 'rules', 7);
    expect(items.length).toBe(h.sim.state.workspaces.get('staging')!.rules.get(plan.id)!.size);
  });
});
