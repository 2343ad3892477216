import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { RedisConfig, WorkerConfig } from '@app/config';
import { APPLY_PLAN_JOB, MAKE_PLAN_JOB, PLAN_JOB_OPTIONS, PLAN_QUEUE, PlanJobData, workerOptions } from '@app/jobs';
import { PlanRepository } from '@app/store';
import { ApplyService } from './apply-plan/apply.service';
import { PlanningService } from './make-plan/planning.service';

/** The BullMQ worker for plan jobs: making a plan, and applying an approved one. */
@Injectable()
export class PlanWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PlanWorker.name);
  private worker?: Worker<PlanJobData>;

  constructor(
    private readonly planning: PlanningService,
    private readonly applying: ApplyService,
    private readonly plans: PlanRepository,
    private readonly redis: RedisConfig,
    private readonly config: WorkerConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<PlanJobData>(
      PLAN_QUEUE,
      (job) => this.process(job),
      workerOptions(this.redis, this.config, this.config.planConcurrency),
    );
    this.worker.on('failed', (job, error) => void this.onFailed(job, error));
    this.worker.on('error', (error) => this.logger.error(`Plan worker error: ${error.message}`));
  }

  private async process(job: Job<PlanJobData>): Promise<void> {
    if (job.name === MAKE_PLAN_JOB) return this.planning.plan(job.data.planId);
    if (job.name === APPLY_PLAN_JOB) return this.applying.apply(job.data.planId);
    throw new Error(`unknown job '${job.name}' on ${PLAN_QUEUE}`);
  }

  /** After the last attempt the plan says so, instead of waiting forever. */
  private async onFailed(job: Job<PlanJobData> | undefined, error: Error): Promise<void> {
    // a job whose data Redis lost names no plan: the reconciler settles its plan (an id left
    // undefined would match every plan in the update)
    if (!job?.data?.planId) return;
    const attempts = job.opts.attempts ?? PLAN_JOB_OPTIONS.attempts ?? 1;
    this.logger.warn(`Plan job ${job.id} failed (attempt ${job.attemptsMade}/${attempts}): ${error.message}`);
    if (job.attemptsMade < attempts) return;
    const message = `gave up after ${job.attemptsMade} attempts: ${error.message}`;
    if (job.name === MAKE_PLAN_JOB)
      await this.plans.transition(job.data.planId, ['planning'], 'failed', { error: message, finishedAt: new Date() });
    else
      await this.plans.transition(job.data.planId, ['queued', 'applying', 'verifying'], 'partial', {
        error: message,
        finishedAt: new Date(),
      });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
