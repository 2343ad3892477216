import { Injectable } from '@nestjs/common';
import { SnapshotQueue, snapshotJobId } from '@app/jobs';
import { SnapshotRecord, SnapshotRepository, SnapshotRequest } from '@app/store';

/**
 * Asks for a snapshot: records it (or joins the one already queued or running for the
 * workspace) and makes sure its job is in the queue. Adding a job id that exists is a no-op, so
 * repeating a request also heals one whose enqueue was lost.
 */
@Injectable()
export class SnapshotRequester {
  constructor(
    private readonly snapshots: SnapshotRepository,
    private readonly queue: SnapshotQueue,
  ) {}

  async request(input: SnapshotRequest): Promise<{ snapshot: SnapshotRecord; jobId: string; joined: boolean }> {
    const { snapshot, joined } = await this.snapshots.request(input);
    const jobId = snapshot.jobId ?? snapshotJobId(snapshot.workspaceId, snapshot);
    if (snapshot.status === 'queued' || snapshot.status === 'running') {
      await this.queue.add({ workspaceId: snapshot.workspaceId, snapshotId: snapshot.id }, jobId);
    }
    const saved = snapshot.jobId ? snapshot : await this.snapshots.setJobId(snapshot.id, jobId);
    return { snapshot: saved, jobId, joined };
  }
}
