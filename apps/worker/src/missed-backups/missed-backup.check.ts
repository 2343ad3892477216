import { Inject, Injectable } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { Redis } from 'ioredis';
import { Notifier } from '@app/application';
import { RedisConfig, WorkerConfig } from '@app/config';
import { missedWindow } from '@app/core';
import { REDIS } from '@app/jobs';
import { SnapshotRepository, WorkspaceRecord, WorkspaceRepository } from '@app/store';
import { PeriodicRound } from '../queue/periodic-round';

/**
 * Every MISSED_CHECK_INTERVAL_MS, one worker (a Redis lock elects it; the others skip that round)
 * looks at each active workspace with an enabled schedule: when its last window is more than
 * SNAPSHOT_MISSED_GRACE_MINUTES old and no snapshot completed since, it notifies
 * `snapshot.missed`. The dedup key names the window, so every later check of the same window
 * records nothing new: one notification per missed window, not one per tick.
 */
@Injectable()
export class MissedBackupCheck extends PeriodicRound<string[]> {
  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly snapshots: SnapshotRepository,
    private readonly notifier: Notifier,
    registry: SchedulerRegistry,
    private readonly config: WorkerConfig,
    @Inject(REDIS) redis: Redis,
    redisConfig: RedisConfig,
  ) {
    super('missed-backup-check', registry, config.missedCheckIntervalMs, { redis, prefix: redisConfig.prefix });
  }

  protected round(now: Date): Promise<string[]> {
    return this.check(now);
  }

  /** Notifies each workspace whose last window passed its grace without a completed snapshot. */
  async check(now = new Date()): Promise<string[]> {
    const missed: string[] = [];
    for (const workspace of await this.workspaces.list()) {
      if (!workspace.scheduleEnabled) continue;
      const found = await this.missed(workspace, now);
      if (!found) continue;
      const { window, lastCompletedAt } = found;
      missed.push(`${workspace.id}:${window.toISOString()}`);
      await this.notifier.notify({
        event: 'snapshot.missed',
        workspaceId: workspace.id,
        workspaceName: workspace.name,
        dedupKey: `snapshot.missed:${workspace.id}:${window.toISOString()}`,
        title: `No backup of workspace '${workspace.name}' since its ${window.toISOString()} window (${this.config.missedGraceMinutes} min grace)`,
        details: {
          window: window.toISOString(),
          schedule: workspace.schedule,
          timezone: workspace.timezone,
          graceMinutes: this.config.missedGraceMinutes,
          lastCompletedAt: lastCompletedAt?.toISOString() ?? null,
        },
        at: now,
      });
    }
    return missed;
  }

  private async missed(workspace: WorkspaceRecord, now: Date): Promise<{ window: Date; lastCompletedAt?: Date | null } | undefined> {
    try {
      const last = await this.snapshots.lastCompleted(workspace.id);
      const window = missedWindow({
        schedule: workspace.schedule,
        timezone: workspace.timezone,
        now,
        graceMs: this.config.missedGraceMinutes * 60_000,
        since: workspace.createdAt,
        lastCompletedAt: last?.finishedAt,
      });
      return window && { window, lastCompletedAt: last?.finishedAt };
    } catch (error) {
      this.logger.warn(
        `No missed-backup check for '${workspace.name}' (${workspace.schedule}, ${workspace.timezone}): ${(error as Error).message}`,
      );
      return undefined;
    }
  }
}
