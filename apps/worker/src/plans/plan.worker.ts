import { Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { RedisConfig, WorkerConfig } from '@app/config';
import { APPLY_PLAN_JOB, MAKE_PLAN_JOB, PLAN_JOB_OPTIONS, PLAN_QUEUE, PlanJobData } from '@app/jobs';
import { PlanRepository } from '@app/store';
import { Notices } from '../notifications/notices';
import { QueueWorker } from '../queue/queue-worker';
import { ApplyService } from './apply-plan/apply.service';
import { PlanningService } from './make-plan/planning.service';

/** The BullMQ worker for plan jobs: making a plan, and applying an approved one. */
@Injectable()
export class PlanWorker extends QueueWorker<PlanJobData> {
  constructor(
    private readonly planning: PlanningService,
    private readonly applying: ApplyService,
    private readonly plans: PlanRepository,
    private readonly notices: Notices,
    redis: RedisConfig,
    config: WorkerConfig,
  ) {
    super(PLAN_QUEUE, PLAN_JOB_OPTIONS.attempts ?? 1, redis, config);
  }

  protected concurrency(): number {
    return this.config.planConcurrency;
  }

  /** After each job, the plan's status is announced when people act on it (plan.ready, .completed, .partial, .failed). */
  protected async process(job: Job<PlanJobData>): Promise<void> {
    if (job.name === MAKE_PLAN_JOB) await this.planning.plan(job.data.planId);
    else if (job.name === APPLY_PLAN_JOB) await this.applying.apply(job.data.planId);
    else throw new Error(`unknown job '${job.name}' on ${PLAN_QUEUE}`);
    await this.notices.planSettled(job.data.planId);
  }

  protected namesItsRecord(data: PlanJobData | undefined): boolean {
    return typeof data?.planId === 'string';
  }

  /** A plan that could not be made failed; one whose apply gave up is partial (some steps may have run). */
  protected async giveUp(job: Job<PlanJobData>, message: string): Promise<void> {
    const finished = { error: message, finishedAt: new Date() };
    if (job.name === MAKE_PLAN_JOB) await this.plans.transition(job.data.planId, ['planning'], 'failed', finished);
    else await this.plans.transition(job.data.planId, ['queued', 'applying', 'verifying'], 'partial', finished);
    await this.notices.planSettled(job.data.planId);
  }
}
