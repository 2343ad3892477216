import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronExpressionParser } from 'cron-parser';
import { WorkerConfig } from '@app/config';
import { SnapshotRequester } from '@app/application';
import { WorkspaceRepository } from '@app/store';

const TICK = 'snapshot-schedule-tick';

/** The wall-clock time of an instant in a zone, as a Date whose UTC fields hold it. */
function wallClock(instant: Date, timezone: string): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return new Date(
    Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!, instant.getUTCMilliseconds()),
  );
}

/** Offset of a zone at an instant, in ms (wall clock minus UTC). */
const offsetAt = (instant: number, timezone: string) => wallClock(new Date(instant), timezone).getTime() - instant;

/**
 * The instant a wall-clock time names in a zone. A time that does not exist (skipped by the
 * spring change) runs when the clock jumps past it — 02:00 becomes 03:00 — as cron does; an
 * ambiguous one (the autumn hour that happens twice) runs once, at its first occurrence.
 */
function instantOf(wall: Date, timezone: string): Date {
  const guess = wall.getTime() - offsetAt(wall.getTime(), timezone);
  const candidates = [guess - offsetAt(guess, timezone) + offsetAt(wall.getTime(), timezone), wall.getTime() - offsetAt(guess, timezone)];
  const exact = candidates.filter((t) => wallClock(new Date(t), timezone).getTime() === wall.getTime());
  if (exact.length) return new Date(Math.min(...exact));
  // in the gap: the offsets before and after differ; the time lands that much later
  const before = offsetAt(guess - 6 * 3600_000, timezone);
  return new Date(wall.getTime() - before);
}

/**
 * The most recent time the cron expression fired at or before `now`, in the workspace's zone.
 * The expression is read against the zone's wall clock, so a nightly 02:00 fires every night,
 * the night of the spring change included (at 03:00, when 02:00 does not exist).
 */
export function lastOccurrence(schedule: string, timezone: string, now: Date): Date {
  const wallNow = wallClock(now, timezone);
  const expression = CronExpressionParser.parse(schedule, { tz: 'UTC', currentDate: new Date(wallNow.getTime() + 1) });
  for (;;) {
    const wall = expression.prev().toDate();
    const instant = instantOf(wall, timezone);
    // a time shifted forward by the spring change may land after now: take the previous one
    if (instant.getTime() <= now.getTime()) return instant;
  }
}

/**
 * Enqueues scheduled snapshots; it never takes one itself. Every replica ticks, and each window
 * maps to one snapshot row (unique per workspace and window) and one deterministic job id, so
 * replicas collapse into a single snapshot. A window missed while workers were down is taken
 * late if it is recent enough.
 */
@Injectable()
export class SnapshotSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SnapshotSchedule.name);
  private running = false;

  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly requester: SnapshotRequester,
    private readonly registry: SchedulerRegistry,
    private readonly config: WorkerConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.schedulerEnabled) return;
    const interval = setInterval(() => void this.tick(), this.config.schedulerTickMs);
    this.registry.addInterval(TICK, interval);
    void this.tick();
  }

  onApplicationShutdown(): void {
    if (this.registry.doesExist('interval', TICK)) this.registry.deleteInterval(TICK);
  }

  async tick(now = new Date()): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let enqueued = 0;
    try {
      for (const workspace of await this.workspaces.list()) {
        if (!workspace.scheduleEnabled) continue;
        const due = lastOccurrence(workspace.schedule, workspace.timezone, now);
        if (due < workspace.createdAt || now.getTime() - due.getTime() > this.config.catchUpMs) continue;
        const { joined, snapshot } = await this.requester.request({ workspaceId: workspace.id, trigger: 'schedule', scheduledFor: due });
        if (!joined) {
          enqueued++;
          this.logger.log(`Scheduled snapshot ${snapshot.id} of '${workspace.name}' for ${due.toISOString()}`);
        }
      }
    } catch (error) {
      this.logger.error(`Schedule tick failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
    return enqueued;
  }
}
