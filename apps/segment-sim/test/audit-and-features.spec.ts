import { SimHarness } from './support/sim-harness';

describe('simulator audit trail and feature gating', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await SimHarness.start({
      workspaces: [
        { slug: 'staging', token: 'sim_staging', size: 150, env: 'staging' },
        { slug: 'lite', token: 'sim_lite', size: 150, features: [] },
      ],
    });
  });
  afterAll(() => h.stop());

  it('records every write with the documented fields, newest first, filterable', async () => {
    const client = h.client();
    const before = new Date().toISOString();
    const label = await client.post('/labels', { label: { key: 'audit', value: 'one' } });
    expect(label.status).toBe(201);
    const source = h.sim.state.workspaces.get('staging')!.sources.values()[0]!;
    await client.patch(`/sources/${source.id}`, { enabled: false });
    await client.patch(`/sources/${source.id}`, { enabled: true });

    const all = await client.get('/audit-events', { startTime: before });
    const events = all.body.data.events;
    expect(events.map((e: { type: string }) => e.type)).toEqual(['Source Modified', 'Source Modified', 'Label Created']);
    expect(events[2]).toEqual({
      id: expect.stringMatching(/^events\/\d+$/),
      timestamp: expect.any(String),
      type: 'Label Created',
      actor: expect.stringMatching(/^public-api-token\//),
      resourceId: 'audit:one',
      resourceType: 'label',
      resourceName: 'audit:one',
    });

    const bySource = await client.get('/audit-events', { resourceId: source.id, resourceType: 'source' });
    expect(bySource.body.data.events).toHaveLength(2);
    const paged = await client.listAll('/audit-events', 'events', 1, { startTime: before });
    expect(paged.items).toHaveLength(3);
    expect(paged.pages).toBe(3);
    expect((await client.get('/audit-events', { startTime: 'yesterday' })).body.errors[0].field).toBe('startTime');
  });

  it('does not record reads', async () => {
    const before = h.sim.state.workspaces.get('staging')!.auditEvents.length;
    await h.client().get('/sources');
    expect(h.sim.state.workspaces.get('staging')!.auditEvents.length).toBe(before);
  });

  it('answers gated endpoints with 403 in a workspace without the feature', async () => {
    const lite = h.client('sim_lite');
    for (const path of ['/tracking-plans', '/transformations', '/functions?resourceType=SOURCE']) {
      const res = await lite.call('GET', path);
      expect(res.status).toBe(403);
      expect(res.body.errors[0].message).toMatch(/feature/);
    }
    const destination = h.sim.state.workspaces.get('lite')!.destinations.values()[0]!;
    expect((await lite.get(`/destinations/${destination.id}/subscriptions`)).status).toBe(403);
    expect((await lite.get('/sources')).status).toBe(200);
  });

  it('returns default schema settings and ignores updates without Protocols', async () => {
    const lite = h.client('sim_lite');
    const source = h.sim.state.workspaces.get('lite')!.sources.values()[0]!;
    const updated = await lite.patch(`/sources/${source.id}/settings`, { track: { allowUnplannedEvents: false } });
    expect(updated.status).toBe(200);
    expect(updated.body.data.settings.track.allowUnplannedEvents).toBe(true);
    const staging = h.client();
    const stagingSource = h.sim.state.workspaces.get('staging')!.sources.values()[0]!;
    const applied = await staging.patch(`/sources/${stagingSource.id}/settings`, { track: { allowUnplannedEvents: false } });
    expect(applied.body.data.settings.track.allowUnplannedEvents).toBe(false);
  });

  it('switches features at runtime', async () => {
    await h.admin('PUT', '/workspaces/lite/features', { features: ['Protocols'] });
    expect((await h.client('sim_lite').get('/tracking-plans')).status).toBe(200);
    expect((await h.admin('PUT', '/workspaces/lite/features', { features: ['Teleport'] })).status).toBe(422);
  });
});
