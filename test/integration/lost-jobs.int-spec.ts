import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { SnapshotRequester } from '../../libs/application/src';
import { redisOptions, SNAPSHOT_QUEUE } from '../../libs/jobs/src';
import { TestContext, eventually } from '../support/test-context';

/**
 * Issue 10, findings 2 and 3: Redis loses jobs, or a later run met an earlier run's finished
 * job. Nothing may stay queued for ever, and nothing may join what can no longer run.
 */
describe('fault suite: lost and reused jobs', () => {
  let ctx: TestContext;
  let api: INestApplication;
  let worker: INestApplicationContext | undefined;
  let snapshotQueue: Queue;
  let workspaceId: string;

  const snapshotRow = (id: string) => ctx.prisma.snapshot.findUniqueOrThrow({ where: { id } });
  const settled = (id: string, timeoutMs = 30_000) =>
    eventually(
      async () => {
        const row = await snapshotRow(id);
        return row.status === 'completed' || row.status === 'failed' ? row : undefined;
      },
      timeoutMs,
      `snapshot ${id} to settle`,
    );

  beforeAll(async () => {
    ctx = await TestContext.create('lost-jobs');
    api = await ctx.startApi();
    snapshotQueue = new Queue(SNAPSHOT_QUEUE, { connection: redisOptions(ctx.redisUrl), prefix: ctx.redisPrefix });
    const created = await ctx.http(api).post('/workspaces').send({ name: 'staging', token: 'sim_staging', baseUrl: ctx.simUrl });
    expect(created.status).toBe(201);
    workspaceId = created.body.id;
  });
  afterAll(async () => {
    await snapshotQueue.close();
    await ctx.close();
  });

  describe('snapshots', () => {
    it('a manual snapshot after Redis lost the queued one does not join it: the stale one fails ("job lost"), a new one runs', async () => {
      // no worker yet: the snapshot stays queued
      const first = await ctx.http(api).post(`/workspaces/${workspaceId}/snapshots`);
      expect(first.status).toBe(202);
      expect(first.body.jobId).toBe(`snapshot:${workspaceId}:${first.body.snapshotId}`);
      await snapshotQueue.obliterate({ force: true }); // Redis loses every snapshot job

      const second = await ctx.http(api).post(`/workspaces/${workspaceId}/snapshots`);
      expect(second.status).toBe(202);
      expect(second.body).toMatchObject({ joined: false, status: 'queued' });
      expect(second.body.snapshotId).not.toBe(first.body.snapshotId);
      expect(await snapshotRow(first.body.snapshotId)).toMatchObject({ status: 'failed', error: expect.stringContaining('job lost') });
      expect(await snapshotQueue.getJob(second.body.jobId)).toBeDefined();

      worker = await ctx.startWorker();
      expect(await settled(second.body.snapshotId)).toMatchObject({ status: 'completed' });
    });

    it('two scheduled runs in the same minute get two jobs, and both run (the second used to stay queued for ever)', async () => {
      const requester = worker!.get(SnapshotRequester);
      const minute = new Date('2026-01-15T01:00:00Z');
      const first = await requester.request({ workspaceId, trigger: 'schedule', scheduledFor: minute });
      expect(await settled(first.snapshot.id)).toMatchObject({ status: 'completed' });
      const second = await requester.request({ workspaceId, trigger: 'schedule', scheduledFor: new Date(minute.getTime() + 10_000) });
      expect(second.jobId).not.toBe(first.jobId);
      expect(await settled(second.snapshot.id)).toMatchObject({ status: 'completed' });
    });
  });
});
