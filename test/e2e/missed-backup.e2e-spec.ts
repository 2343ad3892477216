import { INestApplicationContext } from '@nestjs/common';
import { MissedBackupCheck } from '../../apps/worker/src/missed-backups/missed-backup.check';
import { registerWorkspace, snapshotNow } from '../support/snapshot-helpers';
import { TestContext } from '../support/test-context';

const DAY = 24 * 3600_000;
/** A daily window three hours ago (UTC): far from any boundary the test's own minutes could cross. */
const windowStart = new Date(Math.floor((Date.now() - 3 * 3600_000) / 60_000) * 60_000);
const SCHEDULE = `${windowStart.getUTCMinutes()} ${windowStart.getUTCHours()} * * *`;
const WINDOW = windowStart.toISOString();

/** Issue 12: a workspace whose scheduled window passed with no successful snapshot raises "missed backup" once. */
describe('e2e: the missed-backup check', () => {
  let ctx: TestContext;
  let workers: INestApplicationContext[];
  let late: string;
  let backedUp: string;
  let unscheduled: string;

  const missedRows = () => ctx.prisma.notificationEvent.findMany({ where: { event: 'snapshot.missed' }, orderBy: { recordedAt: 'asc' } });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const snapshot = async (workspaceId: string) => {
    const { outcome, snapshot: row } = await snapshotNow(workers[0]!, workspaceId);
    expect({ outcome, error: row.error }).toEqual({ outcome: 'completed', error: null });
  };

  beforeAll(async () => {
    ctx = await TestContext.create('e2e-missed-backup', {
      workspaces: [
        { slug: 'staging', token: 'sim_staging', size: 20, env: 'staging' },
        { slug: 'production', token: 'sim_production', size: 20, env: 'production' },
      ],
    });
    // two workers tick every 100 ms: a Redis lock elects one per round, the dedup key does the rest
    const env = { MISSED_CHECK_INTERVAL_MS: '100', SNAPSHOT_MISSED_GRACE_MINUTES: '30' };
    workers = [await ctx.startWorker(env), await ctx.startWorker(env)];
    late = (await registerWorkspace(ctx, workers[0]!, 'late')).id;
    backedUp = (await registerWorkspace(ctx, workers[0]!, 'backed-up', 'sim_production')).id;
    unscheduled = (await registerWorkspace(ctx, workers[0]!, 'unscheduled', 'sim_production')).id;
    // backed up before the check can see any window: registered just now, no window is theirs yet
    await snapshot(backedUp);
    // daily schedules three hours ago (past the 30 min grace), registered two days ago
    await ctx.prisma.workspace.update({ where: { id: unscheduled }, data: { scheduleEnabled: false } });
    await ctx.prisma.workspace.updateMany({
      where: { id: { in: [late, backedUp, unscheduled] } },
      data: { schedule: SCHEDULE, createdAt: new Date(Date.now() - 2 * DAY) },
    });
  }, 60_000);
  afterAll(() => ctx.close());

  it('raises snapshot.missed exactly once for the late workspace, however many ticks run', async () => {
    await sleep(1_500); // ~15 rounds per worker
    const check = workers[1]!.get(MissedBackupCheck);
    await check.tick();
    await check.tick(new Date(Date.now() + 3600_000)); // an hour on: the same window
    const rows = await missedRows();
    expect(rows).toHaveLength(1);
    const window = WINDOW;
    expect(rows[0]).toMatchObject({
      event: 'snapshot.missed',
      workspaceId: late,
      workspaceName: 'late',
      dedupKey: `snapshot.missed:${late}:${window}`,
      details: expect.objectContaining({ window, schedule: SCHEDULE, timezone: 'UTC', graceMinutes: 30, lastCompletedAt: null }),
    });
  });

  it('a snapshot completed since the window stops it; the next window missed is raised once more', async () => {
    await snapshot(late);
    const check = workers[0]!.get(MissedBackupCheck);
    expect(await check.check()).toEqual([]);
    await sleep(300);
    expect(await missedRows()).toHaveLength(1);
    // a day on, nothing completed since: the next window is missed by both scheduled workspaces, once each
    const later = new Date(Date.now() + DAY);
    const expected = new Date(windowStart.getTime() + DAY).toISOString();
    expect((await check.check(later)).sort()).toEqual([`${late}:${expected}`, `${backedUp}:${expected}`].sort());
    await check.check(later);
    const rows = await missedRows();
    expect(rows).toHaveLength(3);
    expect(
      rows
        .slice(1)
        .map((r) => r.dedupKey)
        .sort(),
    ).toEqual([late, backedUp].map((id) => `snapshot.missed:${id}:${expected}`).sort());
    expect(rows.some((r) => r.workspaceId === unscheduled)).toBe(false);
  });
});
