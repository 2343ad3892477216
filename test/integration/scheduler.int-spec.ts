import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { SnapshotSchedule } from '../../apps/worker/src/schedules/snapshot.schedule';
import { redisOptions, SNAPSHOT_QUEUE } from '../../libs/jobs/src';
import { registerWorkspace } from '../support/snapshot-helpers';
import { TestContext } from '../support/test-context';

describe('snapshot schedule', () => {
  let ctx: TestContext;
  let replicas: INestApplicationContext[];
  let queue: Queue;

  beforeAll(async () => {
    ctx = await TestContext.create('scheduler');
    // two worker replicas; their own ticks are off so the test decides when they tick
    replicas = [await ctx.startWorker({ WORKER_CONCURRENCY: '1' }), await ctx.startWorker({ WORKER_CONCURRENCY: '1' })];
    queue = new Queue(SNAPSHOT_QUEUE, { connection: redisOptions(ctx.redisUrl), prefix: ctx.redisPrefix });
  });
  afterAll(async () => {
    await queue.close();
    await ctx.close();
  });

  it('enqueues one snapshot per window across replicas, with one job named after its snapshot, in the workspace time zone', async () => {
    const workspace = await registerWorkspace(ctx, replicas[0]!);
    await ctx.prisma.workspace.update({
      where: { id: workspace.id },
      data: { schedule: '0 2 * * *', timezone: 'Europe/Paris', createdAt: new Date('2026-01-01T00:00:00Z') },
    });
    // 02:00 in Paris on 15 January is 01:00 UTC; tick a few minutes later on both replicas at once
    const now = new Date('2026-01-15T01:07:00Z');
    const counts = await Promise.all(replicas.flatMap((r) => [r.get(SnapshotSchedule).tick(now), r.get(SnapshotSchedule).tick(now)]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    const rows = await ctx.prisma.snapshot.findMany({ where: { workspaceId: workspace.id, trigger: 'schedule' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.scheduledFor).toEqual(new Date('2026-01-15T01:00:00Z'));
    // one job per snapshot row: replicas share the window's row, so its job
    expect(rows[0]!.jobId).toBe(`snapshot:${workspace.id}:${rows[0]!.id}`);
    expect(await queue.getJob(rows[0]!.jobId!)).toBeDefined();
    // a later tick in the same window adds nothing
    expect(await replicas[1]!.get(SnapshotSchedule).tick(new Date('2026-01-15T01:30:00Z'))).toBe(0);
  });

  it('skips workspaces whose schedule is disabled and windows older than the catch-up limit', async () => {
    const workspace = await registerWorkspace(ctx, replicas[0]!, 'paused');
    await ctx.prisma.workspace.update({
      where: { id: workspace.id },
      data: { schedule: '0 3 * * *', scheduleEnabled: false, createdAt: new Date('2026-01-01T00:00:00Z') },
    });
    expect(await replicas[0]!.get(SnapshotSchedule).tick(new Date('2026-01-20T03:01:00Z'))).toBe(0);
    await ctx.prisma.workspace.update({ where: { id: workspace.id }, data: { scheduleEnabled: true } });
    // the 03:00 window is a day old by now: too late to catch up (default limit 6 h)
    expect(await replicas[0]!.get(SnapshotSchedule).tick(new Date('2026-01-21T02:59:00Z'))).toBe(0);
    expect(await ctx.prisma.snapshot.count({ where: { workspaceId: workspace.id } })).toBe(0);
  });

  it('does not follow a schedule stored before the API refused it (seconds, or runs under SCHEDULE_MIN_INTERVAL_MINUTES)', async () => {
    const schedule = replicas[0]!.get(SnapshotSchedule);
    const cases: Array<[string, string, number]> = [
      ['seconds', '*/10 * * * * *', 0],
      ['five-minutes', '*/5 * * * *', 0],
      ['quarter', '*/15 * * * *', 1],
    ];
    for (const [name, expression] of cases) {
      const workspace = await registerWorkspace(ctx, replicas[0]!, name);
      await ctx.prisma.workspace.update({
        where: { id: workspace.id },
        data: { schedule: expression, createdAt: new Date('2026-01-01T00:00:00Z') },
      });
    }
    await schedule.tick(new Date('2026-02-01T10:00:20Z'));
    for (const [name, , expected] of cases) {
      const workspace = await ctx.prisma.workspace.findFirstOrThrow({ where: { name } });
      expect({ name, snapshots: await ctx.prisma.snapshot.count({ where: { workspaceId: workspace.id } }) }).toEqual({
        name,
        snapshots: expected,
      });
    }
  });
});
