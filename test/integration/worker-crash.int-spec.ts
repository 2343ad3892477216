import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { eventually, TestContext } from '../support/test-context';

const WORKER_MAIN = join(__dirname, '..', '..', 'dist', 'apps', 'worker', 'src', 'main.js');

/**
 * A worker process killed in the middle of a snapshot: the job's lock expires, another worker
 * takes it over, and the recorded result is the same as an uninterrupted run — nothing twice.
 * Runs the built worker (npm test builds first).
 */
describe('a worker killed mid-snapshot', () => {
  let ctx: TestContext;
  let api: INestApplication;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    if (!existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} is missing: run npm run build (npm test does)`);
    ctx = await TestContext.create('worker-crash', { workspaces: [{ slug: 'staging', token: 'sim_staging', size: 250, env: 'staging' }] });
    api = await ctx.startApi();
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await ctx.close();
  });

  const register = async (name: string) =>
    (await ctx.http(api).post('/workspaces').send({ name, token: 'sim_staging', baseUrl: ctx.simUrl }).expect(201)).body.id as string;
  const requestSnapshot = async (id: string) =>
    (await ctx.http(api).post(`/workspaces/${id}/snapshots`).expect(202)).body.snapshotId as string;
  const snapshotRow = (id: string) => ctx.prisma.snapshot.findUniqueOrThrow({ where: { id } });

  it('is retried by another worker and records exactly what an uninterrupted run records', async () => {
    const crashed = await register('crashed');
    const control = await register('control');

    // slow Segment down so the kill lands in the middle of the read
    ctx.sim.faults.add({ kind: 'latency', ms: 60 });
    child = spawn(process.execPath, [WORKER_MAIN], { env: { ...process.env, ...ctx.env({ SEGMENT_CONCURRENCY: '2' }) }, stdio: 'ignore' });
    const snapshotId = await requestSnapshot(crashed);
    await eventually(
      async () => {
        const row = await snapshotRow(snapshotId);
        const items = (row.progress as { items?: number } | null)?.items ?? 0;
        return row.status === 'running' && items > 20;
      },
      30_000,
      'the child worker to be mid-snapshot',
    );
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    expect((await snapshotRow(snapshotId)).status).toBe('running');
    expect(await ctx.prisma.event.count({ where: { workspaceId: crashed } })).toBe(0);

    ctx.sim.faults.clear();
    await ctx.startWorker();
    const done = await eventually(
      async () => {
        const row = await snapshotRow(snapshotId);
        return row.status === 'completed' || row.status === 'failed' ? row : undefined;
      },
      45_000,
      'the snapshot to be taken over and finished',
    );
    expect(done.status).toBe('completed');
    expect(done.attempts).toBeGreaterThanOrEqual(2);

    // the same snapshot of an identical workspace, never interrupted
    const controlSnapshot = await requestSnapshot(control);
    const controlRow = await eventually(
      async () => {
        const row = await snapshotRow(controlSnapshot);
        return row.status === 'completed' ? row : undefined;
      },
      30_000,
      'the control snapshot',
    );

    expect(done.rootHash).toBe(controlRow.rootHash);
    expect(done.resourceCount).toBe(controlRow.resourceCount);
    const events = await ctx.prisma.event.findMany({ where: { workspaceId: crashed } });
    expect(events.filter((e) => e.type === 'SnapshotCompleted')).toHaveLength(1);
    const resourceEvents = events.filter((e) => e.type === 'ResourceCreated');
    expect(resourceEvents).toHaveLength(done.resourceCount);
    expect(new Set(resourceEvents.map((e) => `${e.kind}:${e.resourceId}`)).size).toBe(resourceEvents.length);
    const heads = (workspaceId: string) =>
      ctx.prisma.resourceHead.findMany({
        where: { workspaceId },
        select: { kind: true, resourceId: true, blobHash: true },
        orderBy: [{ kind: 'asc' }, { resourceId: 'asc' }],
      });
    expect(await heads(crashed)).toEqual(await heads(control));
  });
});
