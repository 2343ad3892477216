import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { RedisConfig, WorkerConfig } from '@app/config';
import { workerOptions } from '@app/jobs';

/**
 * A BullMQ worker built at runtime (rather than with @Processor) so that its concurrency, lock and
 * stall settings come from validated configuration. Subclasses say what a job does, and what its
 * record becomes once the last attempt has failed — so that nothing waits forever on a dead job.
 */
export abstract class QueueWorker<Data> implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private worker?: Worker<Data>;

  protected constructor(
    private readonly queue: string,
    private readonly defaultAttempts: number,
    private readonly redis: RedisConfig,
    protected readonly config: WorkerConfig,
  ) {}

  protected abstract concurrency(): number;
  protected abstract process(job: Job<Data>, token?: string): Promise<unknown>;
  /** Called once, after the last attempt failed, with a message that says so. */
  protected abstract giveUp(job: Job<Data>, message: string): Promise<unknown>;
  /**
   * Whether the job still names its record. Redis can lose a job's data and keep its id: such a
   * job is left to the reconciler, since an id read as undefined would match every row of an update.
   */
  protected abstract namesItsRecord(data: Data | undefined): boolean;

  onApplicationBootstrap(): void {
    this.worker = new Worker<Data>(
      this.queue,
      (job, token) => this.process(job, token),
      workerOptions(this.redis, this.config, this.concurrency()),
    );
    this.worker.on('failed', (job, error) => void this.onFailed(job, error));
    this.worker.on('completed', (job) => this.logger.log(this.fields(job), `${this.queue} job ${job.id} (${job.name}) done`));
    this.worker.on('error', (error) => this.logger.error(`${this.queue} worker error: ${error.message}`));
  }

  private async onFailed(job: Job<Data> | undefined, error: Error): Promise<void> {
    if (!job || !this.namesItsRecord(job.data)) return;
    const attempts = job.opts.attempts ?? this.defaultAttempts;
    this.logger.warn(this.fields(job), `${this.queue} job ${job.id} failed (attempt ${job.attemptsMade}/${attempts}): ${error.message}`);
    if (job.attemptsMade >= attempts) await this.giveUp(job, `gave up after ${job.attemptsMade} attempts: ${error.message}`);
  }

  /** The job's id and the ids it carries (workspace, snapshot, plan) as fields of a log line. */
  private fields(job: Job<Data>): object {
    return { queue: this.queue, jobId: job.id, ...(job.data as object) };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
