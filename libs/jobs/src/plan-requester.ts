import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { jobLiveness, JobLiveness, removeWaitingJob } from './job-liveness';
import { APPLY_PLAN_JOB, MAKE_PLAN_JOB, PLAN_QUEUE, planJobId, PlanJobData } from './queues';

/** Queues the planning and the applying of plans; the API never talks to Segment itself. */
@Injectable()
export class PlanRequester {
  constructor(@InjectQueue(PLAN_QUEUE) private readonly queue: Queue<PlanJobData>) {}

  async plan(planId: string): Promise<string> {
    const jobId = planJobId('make', planId);
    await this.queue.add(MAKE_PLAN_JOB, { planId }, { jobId });
    return jobId;
  }

  async apply(planId: string): Promise<string> {
    const jobId = planJobId('apply', planId);
    await this.queue.add(APPLY_PLAN_JOB, { planId }, { jobId });
    return jobId;
  }

  liveness(phase: 'make' | 'apply', planId: string): Promise<JobLiveness> {
    return jobLiveness(this.queue, planJobId(phase, planId));
  }

  /** Takes a phase's job out of the queue if no worker has started it. */
  withdraw(phase: 'make' | 'apply', planId: string): Promise<boolean> {
    return removeWaitingJob(this.queue, planJobId(phase, planId));
  }
}
