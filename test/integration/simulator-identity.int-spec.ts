import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { SegmentSimulator } from '../../apps/segment-sim/src/sim-server';
import { eventsOf, registerWorkspace, snapshotNow } from '../support/snapshot-helpers';
import { TestContext } from '../support/test-context';

// required from dist on purpose: the spawned process runs the compiled simulator (npm test builds first)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { spawnSimulator } = require(
  join(__dirname, '..', '..', 'dist', 'apps', 'segment-sim', 'src', 'sim-process.js'),
) as typeof import('../../apps/segment-sim/src/sim-process');

/**
 * A workspace registered against one simulator is only ever read from that one. Another instance
 * behind the same URL (a restarted simulator that re-seeded, another checkout's) holds look-alike
 * resources with other content: snapshotting it would record phantom deletions and creations.
 */
describe('the simulator instance a workspace was registered against', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let workspaceId: string;

  beforeAll(async () => {
    ctx = await TestContext.create('simulator-identity', {
      workspaces: [{ slug: 'staging', token: 'sim_staging', size: 60, env: 'staging' }],
    });
    worker = await ctx.startWorker();
    workspaceId = (await registerWorkspace(ctx, worker)).id;
  });
  afterAll(() => ctx.close());

  /** Replaces the simulator behind the test's URL with a freshly seeded instance of the same seed. */
  async function replaceSimulator(): Promise<SegmentSimulator> {
    const port = Number(new URL(ctx.simUrl).port);
    const previous = ctx.sim;
    await previous.close();
    ctx.sim = new SegmentSimulator(previous.options);
    await ctx.sim.listen(port);
    return previous;
  }

  it('is recorded by the first snapshot', async () => {
    const { outcome } = await snapshotNow(worker, workspaceId);
    expect(outcome).toBe('completed');
    const row = await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
    expect(row.simulatorInstanceId).toBe(ctx.sim.instanceId);
  });

  it('fails a snapshot another instance answers, naming both, and records no resource event', async () => {
    const previous = await replaceSimulator();
    // the same seed: the same ids and workspace identity, so only the instance tells them apart
    ctx.sim.state.workspaces.get('staging')!.labels.clear();
    const before = (await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).streamVersion;
    const { outcome, snapshot } = await snapshotNow(worker, workspaceId);
    expect(outcome).toBe('failed');
    expect(snapshot.error).toContain(previous.instanceId);
    expect(snapshot.error).toContain(ctx.sim.instanceId);
    const events = await eventsOf(ctx, workspaceId, before);
    expect(events.map((e) => e.type)).toEqual(['SnapshotFailed']);

    // the original instance back with its state: snapshots go on, with nothing to record
    ctx.sim.importState(previous.exportState());
    const again = await snapshotNow(worker, workspaceId);
    expect(again.outcome).toBe('completed');
    expect(again.snapshot).toMatchObject({ created: 0, updated: 0, deleted: 0 });
  });

  it('survives a restart of a simulator that keeps its state in SIM_STATE_FILE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-state-'));
    const env = { SIM_STATE_FILE: join(dir, 'nested', 'state.json'), SIM_SIZE: '40' };
    try {
      const first = await spawnSimulator(env);
      const call = (url: string, method: string, path: string, body?: unknown) =>
        fetch(`${url}${path}`, {
          method,
          headers: { Authorization: 'Bearer sim_staging', 'Content-Type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      const instance = (await call(first.url, 'GET', '/')).headers.get('x-segment-sim-instance');
      expect(instance).toMatch(/^sim_/);
      expect((await call(first.url, 'POST', '/labels', { label: { key: 'kept', value: 'across-restarts' } })).status).toBe(201);
      await first.stop();

      const second = await spawnSimulator(env);
      try {
        const res = await call(second.url, 'GET', '/labels');
        expect(res.headers.get('x-segment-sim-instance')).toBe(instance);
        const { data } = (await res.json()) as { data: { labels: Array<{ key: string; value: string }> } };
        expect(data.labels).toContainEqual({ key: 'kept', value: 'across-restarts' });
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
