import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { WorkerConfig } from '@app/config';
import { lastOccurrence } from '@app/core';
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
    try {
      return lastOccurrence(workspace.schedule, workspace.timezone, now);
    } catch (error) {
      this.logger.warn(`No window for '${workspace.name}' (${workspace.schedule}, ${workspace.timezone}): ${(error as Error).message}`);
      return undefined;
    }
  }
}
