import { observeResources } from '@app/core';
import { SEGMENT_CATALOG } from '@app/catalog';
import { SegmentClient } from '../http/segment-client';
import { UNLIMITED } from '../rate-limit/unlimited';
import { WorkspaceReader } from './workspace-reader';
import { SegmentSimulator } from '../../../../apps/segment-sim/src/sim-server';

describe('WorkspaceReader against the simulator', () => {
  let sim: SegmentSimulator;
  let url: string;
  beforeAll(async () => {
    sim = new SegmentSimulator({
      seed: 'reader',
      workspaces: [{ slug: 'staging', token: 'tok', size: 400, env: 'staging' }],
      rateLimit: { enabled: false, perMinute: 1, timeScale: 1 },
      faults: [],
    });
    ({ url } = await sim.listen(0));
  });
  afterAll(() => sim.close());

  const client = () =>
    new SegmentClient({
      baseUrl: url,
      token: 'tok',
      limits: { tokenKey: 't', perMinute: 1000 },
      rateLimiter: UNLIMITED,
      pageSize: 50,
      retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    });

  it('reads every kind and every resource the workspace holds', async () => {
    const read = await new WorkspaceReader(client(), SEGMENT_CATALOG).read();
    const ws = sim.state.workspaces.get('staging')!;
    const counts = ws.counts();
    const count = (kind: string) => read.items.get(kind)?.length ?? 0;
    expect(read.unavailable).toEqual([]);
    expect(read.workspace.slug).toBe('staging');
    expect(count('source')).toBe(counts.sources);
    expect(count('destination')).toBe(counts.destinations);
    expect(count('destination-filter')).toBe(counts.destinationFilters);
    expect(count('destination-subscription')).toBe(counts.destinationSubscriptions);
    expect(count('tracking-plan-rule')).toBe(counts.trackingPlanRules);
    expect(count('tracking-plan-connection')).toBe(counts.trackingPlanConnections);
    expect(count('warehouse-connection')).toBe(counts.warehouseConnections);
    expect(count('function')).toBe(counts.functions);
    expect(count('user-group')).toBe(counts.userGroups);
    expect(count('invite')).toBe(counts.invites);
    expect(count('source-schema-settings')).toBe(counts.sources);
    const observed = observeResources(SEGMENT_CATALOG, read.workspace.slug, read.items);
    expect(new Set(observed.map((r) => `${r.kind}:${r.id}`)).size).toBe(observed.length);
    const fn = read.items.get('function')![0]!.raw;
    expect(typeof fn.code).toBe('string');
  });
});
