import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { ScheduleConfig, WorkerConfig } from '@app/config';
import { isCronExpression, lastOccurrence, scheduleGapUnder } from '@app/core';
import { SnapshotRequester } from '@app/application';
import { WorkspaceRepository } from '@app/store';

const TICK = 'snapshot-schedule-tick';

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
  /** Why a schedule (expression and zone) is not followed; checked once per process, said once. */
  private readonly refused = new Map<string, string | null>();

  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly requester: SnapshotRequester,
    private readonly registry: SchedulerRegistry,
    private readonly config: WorkerConfig,
    private readonly rules: ScheduleConfig,
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
        const due = this.window(workspace, now);
        if (!due || due < workspace.createdAt || now.getTime() - due.getTime() > this.config.catchUpMs) continue;
        const { joined, snapshot } = await this.requester.request({ workspaceId: workspace.id, trigger: 'schedule', scheduledFor: due });
        if (!joined) {
          enqueued++;
          this.logger.log(
            { snapshotId: snapshot.id, workspaceId: workspace.id },
            `Scheduled snapshot ${snapshot.id} of '${workspace.name}' for ${due.toISOString()}`,
          );
        }
      }
    } catch (error) {
      this.logger.error(`Schedule tick failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
    return enqueued;
  }

  /**
   * The window a workspace's schedule is in now. When it cannot be computed (cron-parser can give
   * up around a half-hour clock change, as at Australia/Lord_Howe) that workspace waits for a later
   * tick; the others are scheduled as usual.
   */
  private window(workspace: { name: string; schedule: string; timezone: string }, now: Date): Date | undefined {
    if (this.refusal(workspace, now)) return undefined;
    try {
      return lastOccurrence(workspace.schedule, workspace.timezone, now);
    } catch (error) {
      this.logger.warn(`No window for '${workspace.name}' (${workspace.schedule}, ${workspace.timezone}): ${(error as Error).message}`);
      return undefined;
    }
  }

  /**
   * A schedule stored before the API refused it (seconds, or runs closer than
   * SCHEDULE_MIN_INTERVAL_MINUTES) is not followed: it would spend the token's rate limit.
   */
  private refusal(workspace: { name: string; schedule: string; timezone: string }, now: Date): string | null {
    const key = `${workspace.schedule}\u0000${workspace.timezone}`;
    if (this.refused.has(key)) return this.refused.get(key)!;
    let reason: string | null = null;
    try {
      const gap = isCronExpression(workspace.schedule)
        ? scheduleGapUnder(workspace.schedule, workspace.timezone, this.rules.minIntervalMinutes * 60_000, now)
        : { minutes: 0, where: 'it has a seconds field' };
      if (gap)
        reason = `runs ${gap.minutes} minute(s) apart (${gap.where}), under SCHEDULE_MIN_INTERVAL_MINUTES=${this.rules.minIntervalMinutes}`;
    } catch {
      reason = null; // an expression cron-parser cannot read is reported by window()
    }
    if (reason)
      this.logger.warn(`Not following the schedule of '${workspace.name}' (${workspace.schedule}, ${workspace.timezone}): ${reason}`);
    this.refused.set(key, reason);
    return reason;
  }
}
