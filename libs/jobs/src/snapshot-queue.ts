import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { jobLiveness, JobLiveness } from './job-liveness';
import { SNAPSHOT_QUEUE, TAKE_SNAPSHOT_JOB, TakeSnapshotJobData } from './queues';

/** Puts snapshot jobs in their queue. Adding a job id that exists is a no-op (BullMQ), so repeating is safe. */
@Injectable()
export class SnapshotQueue {
  constructor(@InjectQueue(SNAPSHOT_QUEUE) private readonly queue: Queue<TakeSnapshotJobData>) {}

  async add(job: TakeSnapshotJobData, jobId: string): Promise<void> {
    await this.queue.add(TAKE_SNAPSHOT_JOB, job, { jobId });
  }

  liveness(jobId: string): Promise<JobLiveness> {
    return jobLiveness(this.queue, jobId);
  }
}
