import { KindCatalog, KindDefinition, observeResources } from '@app/core';
import { SEGMENT_CATALOG } from '@app/catalog';
import { observeSegmentRequests, SegmentClient } from '../http/segment-client';
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
    // listed per insert function (functionId is a required query parameter)
    expect(count('insert-function-instance')).toBe(counts.insertFunctionInstances);
    expect(counts.insertFunctionInstances).toBeGreaterThan(0);
    expect(count('user-group')).toBe(counts.userGroups);
    expect(count('invite')).toBe(counts.invites);
    expect(count('source-schema-settings')).toBe(counts.sources);
    const observed = observeResources(SEGMENT_CATALOG, read.workspace.slug, read.items);
    expect(new Set(observed.map((r) => `${r.kind}:${r.id}`)).size).toBe(observed.length);
    const fn = read.items.get('function')![0]!.raw;
    expect(typeof fn.code).toBe('string');
  });

  /** The real catalog plus one kind whose list the API does not serve (to this account, region or version). */
  const withUnserved = (unserved: KindDefinition) => new KindCatalog([...SEGMENT_CATALOG.kinds, unserved]);
  const probe = (list: KindDefinition['list'], parent?: KindDefinition['parent']): KindDefinition => ({
    ...SEGMENT_CATALOG.get('label'),
    kind: 'unserved-probe',
    list,
    parent,
  });

  it('records a top-level list Segment answers 404 for as unavailable, with the reason, and fails nothing', async () => {
    const read = await new WorkspaceReader(client(), withUnserved(probe({ path: '/spaces', itemsKey: 'spaces', paginated: true }))).read();
    expect(read.unavailable).toEqual([
      { kind: 'unserved-probe', reason: expect.stringMatching(/does not serve \/spaces.*No such endpoint/) },
    ]);
    expect(read.readKinds.has('unserved-probe')).toBe(false);
    expect(read.readKinds.has('source')).toBe(true);
    expect(read.vanished).toEqual([]);
  });

  it('tells a child list that is not served from a parent that vanished: no parent is taken for deleted', async () => {
    const unserved = probe({ path: '/sources/{parentId}/edge-functions', itemsKey: 'edgeFunctions', paginated: false }, { kind: 'source' });
    const read = await new WorkspaceReader(client(), withUnserved(unserved)).read();
    expect(read.unavailable).toEqual([{ kind: 'unserved-probe', reason: expect.stringMatching(/No such endpoint/) }]);
    expect(read.vanished).toEqual([]);
    expect(read.items.get('source')).toHaveLength(sim.state.workspaces.get('staging')!.sources.size);
  });

  it('still takes a child list answering "not found" for its parent as the parent vanishing mid-read', async () => {
    const ws = sim.state.workspaces.get('staging')!;
    const [destinationId] = [...ws.filters].find(([, filters]) => filters.size > 0)!;
    // the destination is deleted between the destination list and the list of its filters
    const stop = observeSegmentRequests((request) => {
      if (request.url.startsWith(`/destination/${destinationId}/filters`)) ws.destinations.delete(destinationId);
    });
    try {
      const read = await new WorkspaceReader(client(), SEGMENT_CATALOG).read();
      expect(read.vanished).toContainEqual({ kind: 'destination', id: destinationId });
      expect(read.items.get('destination')!.some((d) => d.raw.id === destinationId)).toBe(false);
      expect(read.unavailable).toEqual([]);
    } finally {
      stop();
    }
  });
});
