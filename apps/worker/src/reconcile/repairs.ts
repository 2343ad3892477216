import type { JobLiveness } from '@app/jobs';
import type { PlanStatus, SnapshotStatus } from '@app/store';

/** What the reconciler does with a row that waits for a job: nothing, queue its job again, or settle it. */
export type Repair = { action: 'keep' } | { action: 'requeue' } | { action: 'fail'; status: 'failed' | 'partial'; reason: string };

const KEEP: Repair = { action: 'keep' };
const REQUEUE: Repair = { action: 'requeue' };

/**
 * A queued or running snapshot. One with no job is run by a plan's own job when running (left
 * alone), or lost its enqueue when queued (given its job). One whose job Redis lost is queued
 * again: the job only carries ids and the worker starts it over. One whose job ended without
 * settling it cannot run any more.
 */
export function snapshotRepair(snapshot: { status: SnapshotStatus; jobId: string | null }, liveness: JobLiveness | 'none'): Repair {
  if (liveness === 'none') return snapshot.status === 'queued' ? REQUEUE : KEEP;
  if (liveness === 'alive') return KEEP;
  if (liveness === 'missing') return REQUEUE;
  return { action: 'fail', status: 'failed', reason: `job lost: its job ${snapshot.jobId} ended without settling the snapshot` };
}

/**
 * A plan in a state a job moves on: planning (its make-plan job) or queued, applying, verifying
 * (its apply job). A lost job is queued again under the same id, and the worker resumes where the
 * plan stands (applying is resumable and never creates twice). A job that ended while the plan
 * still waits for it cannot move it any more: the plan fails, as `partial` once steps may have run.
 */
export function planRepair(plan: { status: PlanStatus }, liveness: JobLiveness): Repair {
  if (liveness === 'alive') return KEEP;
  if (liveness === 'missing') return REQUEUE;
  const wrote = plan.status === 'applying' || plan.status === 'verifying';
  return {
    action: 'fail',
    status: wrote ? 'partial' : 'failed',
    reason: `job lost: its ${plan.status === 'planning' ? 'planning' : 'apply'} job ended without settling the plan${
      wrote ? '; steps already applied stay applied, see the steps' : '; nothing was applied'
    }`,
  };
}
