import { Injectable } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { RedisConfig, WorkerConfig } from '@app/config';
import { SNAPSHOT_JOB_OPTIONS, SNAPSHOT_QUEUE, TAKE_SNAPSHOT_JOB, TakeSnapshotJobData } from '@app/jobs';
import { ProcessMetrics } from '@app/observability';
import { SnapshotRepository, WorkspaceRepository } from '@app/store';
import { Notices } from '../notifications/notices';
import { QueueWorker } from '../queue/queue-worker';
import { TakeSnapshotService, WorkspaceBusyError } from './take-snapshot.service';

/** The BullMQ worker for snapshot jobs. */
@Injectable()
export class SnapshotWorker extends QueueWorker<TakeSnapshotJobData> {
  constructor(
    private readonly takeSnapshot: TakeSnapshotService,
    private readonly snapshots: SnapshotRepository,
    private readonly workspaces: WorkspaceRepository,
    private readonly metrics: ProcessMetrics,
    private readonly notices: Notices,
    redis: RedisConfig,
    config: WorkerConfig,
  ) {
    super(SNAPSHOT_QUEUE, SNAPSHOT_JOB_OPTIONS.attempts ?? 1, redis, config);
  }

  protected concurrency(): number {
    return this.config.concurrency;
  }

  protected async process(job: Job<TakeSnapshotJobData>, token?: string): Promise<string> {
    if (job.name !== TAKE_SNAPSHOT_JOB) throw new Error(`unknown job '${job.name}' on ${SNAPSHOT_QUEUE}`);
    const { workspaceId, snapshotId } = job.data;
    try {
      const timer = this.metrics.snapshotDuration.startTimer();
      const outcome = await this.takeSnapshot.run(
        workspaceId,
        snapshotId,
        (progress) => void job.updateProgress(progress).catch(() => undefined),
      );
      timer({ outcome });
      if (outcome !== 'skipped') this.metrics.snapshots.inc({ workspace: await this.workspaceName(workspaceId), outcome });
      return outcome;
    } catch (error) {
      // The workspace is held by another worker (or by one that died and whose lock has not
      // expired yet): wait without spending an attempt.
      if (!(error instanceof WorkspaceBusyError)) throw error;
      await job.moveToDelayed(Date.now() + Math.min(this.config.lockMs, 5_000), token);
      throw new DelayedError();
    }
  }

  protected namesItsRecord(data: TakeSnapshotJobData | undefined): boolean {
    return typeof data?.snapshotId === 'string';
  }

  /** Metrics name workspaces as people do; a workspace deleted meanwhile keeps its id. */
  private async workspaceName(workspaceId: string): Promise<string> {
    const workspace = await this.workspaces.find(workspaceId).catch(() => null);
    return workspace?.name ?? workspaceId;
  }

  /** The snapshot is marked failed, so that the workspace is not stuck. */
  protected async giveUp(job: Job<TakeSnapshotJobData>, message: string): Promise<void> {
    await this.snapshots.cancel(job.data.snapshotId, message);
    await this.notices.snapshotFailed(job.data.workspaceId, { id: job.data.snapshotId }, message);
    this.metrics.snapshots.inc({ workspace: await this.workspaceName(job.data.workspaceId), outcome: 'failed' });
  }
}
