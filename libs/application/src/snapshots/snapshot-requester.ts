import { Injectable } from '@nestjs/common';
import { JobLiveness, SnapshotQueue, snapshotJobId } from '@app/jobs';
import { SnapshotRecord, SnapshotRepository, SnapshotRequest } from '@app/store';

/** Stale snapshots settled in one request before giving up (each settles one row; a second means a race). */
const MAX_SETTLED = 3;

/** Why a snapshot that waits for a job it cannot get is marked failed. */
export function lostJobReason(jobId: string, liveness: Exclude<JobLiveness, 'alive'>): string {
  return liveness === 'missing'
    ? `job lost: its job ${jobId} is no longer in the queue (Redis lost it); a new snapshot was asked for`
    : `job lost: its job ${jobId} ended without settling the snapshot`;
}

/**
 * Asks for a snapshot: records it (or joins the one already queued or running for the
 * workspace) and makes sure its job is in the queue. A snapshot is only joined while its job can
 * still run it: one whose job Redis lost, or whose job ended without settling it, is marked
 * failed and a new one is asked for. A row without a job yet (its enqueue was lost, or a plan
 * runs it in its own job) gets one: adding a job id that exists is a no-op.
 */
@Injectable()
export class SnapshotRequester {
  constructor(
    private readonly snapshots: SnapshotRepository,
    private readonly queue: SnapshotQueue,
  ) {}

  async request(input: SnapshotRequest): Promise<{ snapshot: SnapshotRecord; jobId: string; joined: boolean }> {
    for (let settled = 0; ; settled++) {
      const { snapshot, joined } = await this.snapshots.request(input);
      const active = snapshot.status === 'queued' || snapshot.status === 'running';
      const liveness = joined && active && snapshot.jobId ? await this.queue.liveness(snapshot.jobId) : 'alive';
      if (liveness !== 'alive' && settled < MAX_SETTLED) {
        await this.snapshots.cancel(snapshot.id, lostJobReason(snapshot.jobId!, liveness));
        continue;
      }
      const jobId = snapshot.jobId ?? snapshotJobId(snapshot.workspaceId, snapshot);
      if (active) await this.queue.add({ workspaceId: snapshot.workspaceId, snapshotId: snapshot.id }, jobId);
      const saved = snapshot.jobId ? snapshot : await this.snapshots.setJobId(snapshot.id, jobId);
      return { snapshot: saved, jobId, joined };
    }
  }
}
