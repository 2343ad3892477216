import { SegmentSimulator, DEFAULT_RATE_LIMIT } from '../src/sim-server';
import { dumpAll, dumpWorkspace, loadAll } from '../src/state/state-file';
import { SimHarness } from './support/sim-harness';

const make = (seed: string, size: number) =>
  new SegmentSimulator({
    seed,
    workspaces: [
      { slug: 'staging', token: 'sim_staging', size, env: 'staging' },
      { slug: 'production', token: 'sim_production', size, env: 'production', drift: true },
    ],
    rateLimit: DEFAULT_RATE_LIMIT,
    faults: [],
  });

describe('simulator seeded generator', () => {
  it('produces the same workspace from the same seed', () => {
    const a = dumpAll(make('seed-a', 500).state);
    const b = dumpAll(make('seed-a', 500).state);
    expect(JSON.stringify(a)).toEqual(JSON.stringify(b));
    const c = dumpAll(make('seed-b', 500).state);
    expect(JSON.stringify(c)).not.toEqual(JSON.stringify(a));
  });

  it('sizes workspaces approximately and with a realistic mix', () => {
    for (const size of [100, 1000, 5000]) {
      const ws = make('mix', size).state.workspaces.get('staging')!;
      const total = ws.totalResources();
      expect(total).toBeGreaterThan(size * 0.85);
      expect(total).toBeLessThan(size * 1.15);
      const counts = ws.counts();
      expect(counts.destinations / counts.sources).toBeGreaterThan(3);
      expect(counts.trackingPlanRules / Math.max(1, counts.trackingPlans)).toBeGreaterThanOrEqual(20);
      expect(counts.destinationFilters).toBeGreaterThan(0);
      expect(counts.destinationSubscriptions).toBeGreaterThan(0);
      expect(counts.users).toBeGreaterThan(0);
    }
  });

  it('gives twins the same logical content with their own ids, and drifts production', () => {
    const state = make('twins', 800).state;
    const staging = state.workspaces.get('staging')!;
    const production = state.workspaces.get('production')!;
    const stagingSlugs = staging.sources.values().map((s) => s.slug);
    const productionSlugs = production.sources.values().map((s) => s.slug);
    expect(productionSlugs.filter((s) => !stagingSlugs.includes(s))).toEqual([expect.stringMatching(/-prod-only$/)]);
    expect(staging.sources.values()[0]!.id).not.toEqual(production.sources.values()[0]!.id);
    expect(production.destinations.size).toBeLessThan(staging.destinations.size);
  });

  it('exports and imports a workspace exactly, and keeps serving it', async () => {
    const h = await SimHarness.start();
    try {
      const exported = await h.admin('GET', '/export');
      const before = await h.client().listAll('/destinations', 'destinations');
      await h.client().post('/labels', { label: { key: 'after', value: 'export' } });
      expect((await h.admin('POST', '/import', exported.body)).status).toBe(200);
      const labels = await h.client().get('/labels');
      expect(labels.body.data.labels).not.toContainEqual({ key: 'after', value: 'export' });
      expect((await h.client().listAll('/destinations', 'destinations')).items).toEqual(before.items);
      const created = await h.client().post('/labels', { label: { key: 'after', value: 'import' } });
      expect(created.status).toBe(201);
      expect((await h.admin('POST', '/import', { nope: true })).status).toBe(422);
    } finally {
      await h.stop();
    }
  });

  it('round-trips a dump without loss', () => {
    const state = make('roundtrip', 300).state;
    const dump = dumpAll(state);
    const copy = make('other', 10).state;
    loadAll(copy, dump);
    expect(dumpWorkspace(copy, copy.workspaces.get('staging')!)).toEqual(dump.workspaces[0]);
  });
});
