import { Queue } from 'bullmq';

/**
 * What became of a job a row waits for: still to run or running (`alive`), gone from Redis
 * (`missing`: lost, or removed), or `finished` (completed or failed for good) while the row is
 * still not settled.
 */
export type JobLiveness = 'alive' | 'missing' | 'finished';

export async function jobLiveness(queue: Queue, jobId: string): Promise<JobLiveness> {
  const state = await queue.getJobState(jobId);
  if (state === 'unknown') return 'missing';
  if (state === 'completed' || state === 'failed') return 'finished';
  return 'alive';
}

/** Removes a job that has not started; false when there is none or a worker holds it. */
export async function removeWaitingJob(queue: Queue, jobId: string): Promise<boolean> {
  const job = await queue.getJob(jobId);
  if (!job) return false;
  try {
    await job.remove();
    return true;
  } catch {
    return false; // locked by a worker: it runs, and finds the row settled
  }
}
