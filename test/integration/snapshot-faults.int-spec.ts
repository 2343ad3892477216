import { INestApplicationContext } from '@nestjs/common';
import { eventsOf, registerWorkspace, snapshotNow } from '../support/snapshot-helpers';
import { TestContext } from '../support/test-context';

/** What a snapshot does when Segment misbehaves: absorb what retries can, never half-record. */
describe('snapshots under upstream faults', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let workspaceId: string;
  const heads = () => ctx.prisma.resourceHead.findMany({ where: { workspaceId }, orderBy: [{ kind: 'asc' }, { resourceId: 'asc' }] });

  beforeAll(async () => {
    ctx = await TestContext.create('snapshot-faults', {
      workspaces: [{ slug: 'staging', token: 'sim_staging', size: 400, env: 'staging' }],
    });
    worker = await ctx.startWorker({ SEGMENT_MAX_ATTEMPTS: '4', SEGMENT_PAGE_SIZE: '50', SEGMENT_REQUEST_TIMEOUT_MS: '400' });
    workspaceId = (await registerWorkspace(ctx, worker)).id;
    expect((await snapshotNow(worker, workspaceId)).outcome).toBe('completed');
  });
  afterEach(() => ctx.sim.faults.clear());
  afterAll(() => ctx.close());

  it('fails a snapshot whose page keeps failing after retries: no resource event, heads unchanged', async () => {
    const sim = ctx.sim.state.workspaces.get('staging')!;
    // a real change is pending, so a wrongly recorded partial read would show
    sim.destinations.delete(sim.destinations.keyList()[0]!);
    const before = await heads();
    const version = (await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).streamVersion;
    ctx.sim.faults.add({ kind: 'fail-page', path: '^/destinations$', page: 2 });

    const { outcome, snapshot } = await snapshotNow(worker, workspaceId);

    expect(outcome).toBe('failed');
    expect(snapshot.status).toBe('failed');
    expect(snapshot.error).toMatch(/500.*\/destinations/);
    const events = await eventsOf(ctx, workspaceId, version);
    expect(events.map((e) => e.type)).toEqual(['SnapshotFailed']);
    expect(events[0]!.metadata).toMatchObject({ snapshotId: snapshot.id });
    expect(await heads()).toEqual(before);
    // the next snapshot, with Segment healthy again, records the pending change
    ctx.sim.faults.clear();
    const next = await snapshotNow(worker, workspaceId);
    expect(next.snapshot).toMatchObject({ status: 'completed', deleted: expect.any(Number) });
    expect(next.snapshot.deleted).toBeGreaterThanOrEqual(1);
  });

  it('absorbs 429 storms and 5xx errors with retries and records the same state', async () => {
    const previous = await snapshotNow(worker, workspaceId);
    // a storm: the next 20 requests are refused with 429 (Retry-After: 1), then 5% of answers are 5xx
    ctx.sim.faults.add({ kind: 'rate-limit', remaining: 20, ms: 20 });
    ctx.sim.faults.add({ kind: 'error', probability: 0.05, status: 503 });
    ctx.sim.faults.add({ kind: 'error', probability: 0.02, status: 502 });
    await ctx.sim.stats.reset();

    const { outcome, snapshot } = await snapshotNow(worker, workspaceId);

    expect(outcome).toBe('completed');
    const stats = ctx.sim.stats.snapshot();
    expect(stats.byStatus['429']).toBe(20);
    expect(stats.byStatus['503']).toBeGreaterThan(0);
    expect(snapshot).toMatchObject({ created: 0, updated: 0, deleted: 0, rootHash: previous.snapshot.rootHash });
  });

  it('retries timeouts and dropped connections', async () => {
    const previous = await snapshotNow(worker, workspaceId);
    ctx.sim.faults.add({ kind: 'hang', operationId: 'listDestinations', remaining: 2, ms: 5000 });
    ctx.sim.faults.add({ kind: 'drop', operationId: 'listFiltersFromDestination', remaining: 3 });
    const { outcome, snapshot } = await snapshotNow(worker, workspaceId);
    expect(outcome).toBe('completed');
    expect(snapshot.rootHash).toBe(previous.snapshot.rootHash);
    expect(ctx.sim.faults.list().every((rule) => rule.remaining === 0)).toBe(true);
  });
});
