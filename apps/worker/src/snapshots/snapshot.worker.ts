import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, Job, Worker } from 'bullmq';
import { RedisConfig, WorkerConfig } from '@app/config';
import { SNAPSHOT_JOB_OPTIONS, SNAPSHOT_QUEUE, TAKE_SNAPSHOT_JOB, TakeSnapshotJobData, workerOptions } from '@app/jobs';
import { SnapshotRepository } from '@app/store';
import { TakeSnapshotService, WorkspaceBusyError } from './take-snapshot.service';

/**
 * The BullMQ worker for snapshot jobs. It is built here rather than with @Processor so that its
 * concurrency, lock and stall settings come from validated configuration at runtime.
 */
@Injectable()
export class SnapshotWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SnapshotWorker.name);
  private worker?: Worker<TakeSnapshotJobData>;

  constructor(
    private readonly takeSnapshot: TakeSnapshotService,
    private readonly snapshots: SnapshotRepository,
    private readonly redis: RedisConfig,
    private readonly config: WorkerConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<TakeSnapshotJobData>(
      SNAPSHOT_QUEUE,
      (job, token) => this.process(job, token),
      workerOptions(this.redis, this.config, this.config.concurrency),
    );
    this.worker.on('failed', (job, error) => void this.onFailed(job, error));
    this.worker.on('error', (error) => this.logger.error(`Snapshot worker error: ${error.message}`));
  }

  private async process(job: Job<TakeSnapshotJobData>, token?: string): Promise<string> {
    if (job.name !== TAKE_SNAPSHOT_JOB) throw new Error(`unknown job '${job.name}' on ${SNAPSHOT_QUEUE}`);
    const { workspaceId, snapshotId } = job.data;
    try {
      return await this.takeSnapshot.run(workspaceId, snapshotId, (progress) => void job.updateProgress(progress).catch(() => undefined));
    } catch (error) {
      // The workspace is held by another worker (or by one that died and whose lock has not
      // expired yet): wait without spending an attempt.
      if (!(error instanceof WorkspaceBusyError)) throw error;
      await job.moveToDelayed(Date.now() + Math.min(this.config.lockMs, 5_000), token);
      throw new DelayedError();
    }
  }

  /** After the last attempt the snapshot is marked failed, so that the workspace is not stuck. */
  private async onFailed(job: Job<TakeSnapshotJobData> | undefined, error: Error): Promise<void> {
    // a job whose data Redis lost names no snapshot: the reconciler settles it (an id left
    // undefined would match every active snapshot in the update)
    if (!job?.data?.snapshotId) return;
    const attempts = job.opts.attempts ?? SNAPSHOT_JOB_OPTIONS.attempts ?? 1;
    this.logger.warn(`Snapshot job ${job.id} failed (attempt ${job.attemptsMade}/${attempts}): ${error.message}`);
    if (job.attemptsMade >= attempts)
      await this.snapshots.cancel(job.data.snapshotId, `gave up after ${job.attemptsMade} attempts: ${error.message}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
