import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { JobReconciler } from '../../apps/worker/src/reconcile/job-reconciler';
import { SnapshotRequester } from '../../libs/application/src';
import { APPLY_PLAN_JOB, PLAN_QUEUE, planJobId, redisOptions, SNAPSHOT_QUEUE, WorkspaceLock } from '../../libs/jobs/src';
import { planIn, planRestore } from '../support/plan-helpers';
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
  let planQueue: Queue;
  /** case → expected → observed, printed at the end (the fault table of the report). */
  const table: Array<{ case: string; expected: string; observed: string }> = [];
  // the reconciler runs every half second here: rows older than a second are checked
  const RECONCILE = { RECONCILE_INTERVAL_MS: '500' };
  const startWorker = async () => (worker = await ctx.startWorker(RECONCILE));
  const stopWorker = async () => {
    if (worker) await ctx.stopApp(worker);
    worker = undefined;
  };
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
    planQueue = new Queue(PLAN_QUEUE, { connection: redisOptions(ctx.redisUrl), prefix: ctx.redisPrefix });
    const created = await ctx.http(api).post('/workspaces').send({ name: 'staging', token: 'sim_staging', baseUrl: ctx.simUrl });
    expect(created.status).toBe(201);
    workspaceId = created.body.id;
  });
  afterAll(async () => {
    console.log(`fault table\n${table.map((row) => `| ${row.case} | ${row.expected} | ${row.observed} |`).join('\n')}`);
    await snapshotQueue.close();
    await planQueue.close();
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

      await startWorker();
      expect(await settled(second.body.snapshotId)).toMatchObject({ status: 'completed' });
      table.push({
        case: 'manual snapshot after Redis lost the queued one',
        expected: 'stale one failed "job lost", new one runs',
        observed: `stale ${(await snapshotRow(first.body.snapshotId)).status}, new ${(await snapshotRow(second.body.snapshotId)).status}`,
      });
    });

    it('two scheduled runs in the same minute get two jobs, and both run (the second used to stay queued for ever)', async () => {
      const requester = worker!.get(SnapshotRequester);
      const minute = new Date('2026-01-15T01:00:00Z');
      const first = await requester.request({ workspaceId, trigger: 'schedule', scheduledFor: minute });
      expect(await settled(first.snapshot.id)).toMatchObject({ status: 'completed' });
      const second = await requester.request({ workspaceId, trigger: 'schedule', scheduledFor: new Date(minute.getTime() + 10_000) });
      expect(second.jobId).not.toBe(first.jobId);
      expect(await settled(second.snapshot.id)).toMatchObject({ status: 'completed' });
      table.push({ case: 'two scheduled runs in one minute', expected: 'two jobs, both complete', observed: 'two jobs, both completed' });
    });

    it('Redis loses a queued snapshot: the reconciler queues it again within its interval and it completes', async () => {
      await stopWorker();
      const asked = await ctx.http(api).post(`/workspaces/${workspaceId}/snapshots`);
      expect(asked.body).toMatchObject({ joined: false, status: 'queued' });
      await snapshotQueue.obliterate({ force: true });
      const started = Date.now();
      await startWorker();
      const row = await settled(asked.body.snapshotId, 15_000);
      const seconds = (Date.now() - started) / 1000;
      expect(row).toMatchObject({ status: 'completed', jobId: asked.body.jobId });
      expect(seconds).toBeLessThan(15);
      table.push({
        case: 'Redis loses a queued snapshot',
        expected: 'reconciler re-queues it (interval 0.5 s, grace 1 s)',
        observed: `completed ${seconds.toFixed(1)} s after the worker started`,
      });
    });
  });

  describe('schedules', () => {
    it('a sub-minute cron is refused (400 naming schedule), on create and on update, and nothing changes', async () => {
      const before = await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
      const created = await ctx
        .http(api)
        .post('/workspaces')
        .send({ name: 'fast', token: 'sim_staging', baseUrl: ctx.simUrl, schedule: '*/10 * * * * *' });
      const patched = await ctx.http(api).patch(`/workspaces/${workspaceId}`).send({ schedule: '*/10 * * * * *' });
      expect([created.status, patched.status]).toEqual([400, 400]);
      expect(created.body.details.fields).toHaveProperty('schedule');
      expect(patched.body.details.fields).toHaveProperty('schedule');
      expect(await ctx.prisma.workspace.count({ where: { name: 'fast' } })).toBe(0);
      expect(await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).toEqual(before);
      table.push({
        case: "sub-minute cron '*/10 * * * * *'",
        expected: '400 naming schedule, nothing stored',
        observed: `${created.status} and ${patched.status} naming schedule, nothing stored`,
      });
    });
  });

  describe('plans', () => {
    it('Redis loses a queued apply: the reconciler queues it again, the plan is applied, and the target takes other plans again', async () => {
      const first = await planRestore(ctx.http(api), workspaceId, { to: 'latest' });
      const second = await planRestore(ctx.http(api), workspaceId, { to: 'latest' });
      expect([first.status, second.status]).toEqual(['ready', 'ready']);
      await stopWorker();
      expect((await ctx.http(api).post(`/plans/${first.id}/apply`)).status).toBe(202);
      await planQueue.obliterate({ force: true }); // Redis loses the apply job
      // the jam of the finding: the target has a plan queued for ever
      const jammed = await ctx.http(api).post(`/plans/${second.id}/apply`);
      expect(jammed.status).toBe(409);
      expect(jammed.body.message).toContain('Another plan is being applied');

      const started = Date.now();
      await startWorker();
      const applied = await planIn(ctx.http(api), first.id, ['completed', 'partial', 'failed', 'conflict'], 20_000);
      const seconds = (Date.now() - started) / 1000;
      expect(applied.status).toBe('completed');
      expect(seconds).toBeLessThan(15);
      expect((await ctx.http(api).post(`/plans/${second.id}/apply`)).status).toBe(202);
      expect((await planIn(ctx.http(api), second.id, ['completed', 'partial', 'failed', 'conflict'], 20_000)).status).toBe('completed');
      table.push({
        case: 'Redis loses a queued apply job',
        expected: 'reconciler re-queues it; other plans of the target apply again',
        observed: `applied (${applied.status}) ${seconds.toFixed(1)} s after the worker started; the next plan applied (completed)`,
      });
    });

    it('Redis loses a planning job: the reconciler queues it again and the plan gets made', async () => {
      await stopWorker();
      const asked = await ctx.http(api).post(`/workspaces/${workspaceId}/restores`).send({ to: 'latest' });
      expect(asked.status).toBe(202);
      await planQueue.obliterate({ force: true });
      const started = Date.now();
      await startWorker();
      const plan = await planIn(ctx.http(api), asked.body.planId, ['ready', 'failed'], 20_000);
      const seconds = (Date.now() - started) / 1000;
      expect(plan.status).toBe('ready');
      table.push({
        case: 'Redis loses a planning job',
        expected: 'reconciler re-queues it; plan ready',
        observed: `ready ${seconds.toFixed(1)} s after the worker started`,
      });
    });

    it('Redis loses only the hash of a queued apply job (its id stays listed): the plan is failed with the reason, no other plan moves', async () => {
      const plan = await planRestore(ctx.http(api), workspaceId, { to: 'latest' });
      const bystander = await planRestore(ctx.http(api), workspaceId, { to: 'latest' });
      // a plan of another workspace, queued at the same time (its job comes from the reconciler, later)
      const mirror = await ctx.http(api).post('/workspaces').send({ name: 'mirror', token: 'sim_staging', baseUrl: ctx.simUrl });
      const mirrorSnapshot = await ctx.http(api).post(`/workspaces/${mirror.body.id}/snapshots`);
      await settled(mirrorSnapshot.body.snapshotId);
      const other = await planRestore(ctx.http(api), mirror.body.id, { to: 'latest' });
      await stopWorker();
      await ctx.prisma.plan.update({ where: { id: other.id }, data: { status: 'queued', approvedAt: new Date() } });
      expect((await ctx.http(api).post(`/plans/${plan.id}/apply`)).status).toBe(202);
      await ctx.redis.del(`${ctx.redisPrefix}:${PLAN_QUEUE}:${planJobId('apply', plan.id)}`);
      const started = Date.now();
      await startWorker();
      // the worker takes the bare id, fails it; the reconciler finds the plan's job ended
      const settledPlan = await planIn(ctx.http(api), plan.id, ['completed', 'partial', 'failed', 'conflict'], 20_000);
      const seconds = (Date.now() - started) / 1000;
      expect({ status: settledPlan.status, error: settledPlan.error }).toEqual({
        status: 'failed',
        error: expect.stringContaining('job lost'),
      });
      expect(settledPlan.error).toContain('nothing was applied');
      // a job with no data names no plan: nothing else is touched (the other workspace's queued
      // plan used to be marked partial with it), and the target is free
      expect((await planIn(ctx.http(api), other.id, ['completed', 'partial', 'failed', 'conflict'], 20_000)).status).toBe('completed');
      expect((await ctx.http(api).get(`/plans/${bystander.id}`)).body.status).toBe('ready');
      expect((await ctx.http(api).post(`/plans/${bystander.id}/apply`)).status).toBe(202);
      expect((await planIn(ctx.http(api), bystander.id, ['completed', 'partial', 'failed', 'conflict'], 20_000)).status).toBe('completed');
      table.push({
        case: "Redis loses a queued apply job's hash only",
        expected: 'plan settled (applied or failed), not stuck; no other plan touched',
        observed: `${settledPlan.status} ("job lost … nothing was applied") ${seconds.toFixed(1)} s after the worker started; another workspace's queued plan completed (it used to be marked partial too); the next plan completed`,
      });
    });

    it('a plan whose apply job ended without settling it is failed by the reconciler with the reason', async () => {
      const plan = await planRestore(ctx.http(api), workspaceId, { to: 'latest' });
      await stopWorker();
      // an apply job that completed while the plan still says queued (its worker lost the write)
      const connection = { connection: redisOptions(ctx.redisUrl), prefix: ctx.redisPrefix };
      await planQueue.add(APPLY_PLAN_JOB, { planId: plan.id }, { jobId: planJobId('apply', plan.id) });
      const noop = new Worker(PLAN_QUEUE, async () => undefined, connection);
      await eventually(
        async () => (await planQueue.getJobState(planJobId('apply', plan.id))) === 'completed',
        10_000,
        'the job to complete',
      );
      await noop.close();
      await ctx.prisma.plan.update({ where: { id: plan.id }, data: { status: 'queued', approvedAt: new Date(Date.now() - 3_600_000) } });

      await startWorker();
      const body = await planIn(ctx.http(api), plan.id, ['failed'], 10_000);
      expect(body.error).toContain('job lost');
      expect(body.error).toContain('nothing was applied');
      table.push({
        case: 'apply job ended, plan still queued',
        expected: 'plan failed "job lost"',
        observed: `plan ${body.status}: ${body.error}`,
      });
    });

    it('cancel works on a queued plan: its job is withdrawn, a job that runs anyway applies nothing, the target is free', async () => {
      const plan = await planRestore(ctx.http(api), workspaceId, { to: 'latest' });
      await stopWorker();
      expect((await ctx.http(api).post(`/plans/${plan.id}/apply`)).status).toBe(202);
      const jobId = planJobId('apply', plan.id);
      expect(await planQueue.getJob(jobId)).toBeDefined();

      const cancelled = await ctx.http(api).post(`/plans/${plan.id}/cancel`);
      expect(cancelled.status).toBe(200); // the plan as it is now, not something created
      expect(cancelled.body).toMatchObject({ id: plan.id, status: 'cancelled' });
      expect(await planQueue.getJob(jobId)).toBeUndefined();

      // a job that still runs (another producer re-added it) finds the plan cancelled
      await planQueue.add(APPLY_PLAN_JOB, { planId: plan.id }, { jobId });
      await startWorker();
      await eventually(async () => (await planQueue.getJobState(jobId)) === 'completed', 15_000, 'the apply job to run');
      expect(await ctx.prisma.plan.findUniqueOrThrow({ where: { id: plan.id } })).toMatchObject({
        status: 'cancelled',
        applyStartedAt: null,
        preApplyVersion: null,
      });
      const next = await planRestore(ctx.http(api), workspaceId, { to: 'latest' });
      expect((await ctx.http(api).post(`/plans/${next.id}/apply`)).status).toBe(202);
      expect((await planIn(ctx.http(api), next.id, ['completed', 'partial', 'failed', 'conflict'], 20_000)).status).toBe('completed');
      table.push({
        case: 'cancel a queued plan',
        expected: '200 cancelled, job withdrawn, nothing applied, target free',
        observed: '200 cancelled, job removed, re-added job applied nothing, next plan completed',
      });
    });

    it('one reconciler round at a time across workers (a Redis lock)', async () => {
      const other = await ctx.startWorker(RECONCILE);
      const lock = new WorkspaceLock(ctx.redis, ctx.redisPrefix, 10_000);
      try {
        // while the lock is held (as by a round in another worker), no worker runs a round
        const held = await eventually(() => lock.tryAcquire('job-reconciler').then((h) => h ?? undefined), 5_000, 'the lock');
        expect(await Promise.all([worker!.get(JobReconciler).tick(), other.get(JobReconciler).tick()])).toEqual([undefined, undefined]);
        await held.release();
        const round = await eventually(() => other.get(JobReconciler).tick(), 5_000, 'a round');
        expect(round).toEqual({ requeued: [], failed: [] });
      } finally {
        await ctx.stopApp(other);
      }
    });
  });
});
