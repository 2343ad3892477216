import { Injectable } from '@nestjs/common';
import { SnapshotRequester } from '@app/application';
import { SnapshotRecord, SnapshotRepository, WorkspaceRepository } from '@app/store';
import { decodeCursor, isInstantIdCursor, keysetPage, Page, PageRequest } from '../common/pagination';

@Injectable()
export class SnapshotsService {
  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly snapshots: SnapshotRepository,
    private readonly requester: SnapshotRequester,
  ) {}

  /** Queues a snapshot of an active workspace, or joins the one already queued or running. */
  async request(workspaceId: string): Promise<{ snapshot: SnapshotRecord; jobId: string; joined: boolean }> {
    await this.workspaces.get(workspaceId);
    return this.requester.request({ workspaceId, trigger: 'manual' });
  }

  /** Newest first. */
  async list(workspaceId: string, request: PageRequest & { status?: string }): Promise<Page<SnapshotRecord>> {
    await this.workspaces.get(workspaceId, { allowArchived: true });
    const before = decodeCursor(request.cursor, isInstantIdCursor);
    return keysetPage(
      request.limit ?? 50,
      (take) =>
        this.snapshots.list(workspaceId, {
          take,
          status: request.status,
          before: before && { requestedAt: new Date(before.at), id: before.id },
        }),
      (last) => ({ at: last.requestedAt.toISOString(), id: last.id }),
    );
  }

  async get(workspaceId: string, snapshotId: string): Promise<SnapshotRecord> {
    await this.workspaces.get(workspaceId, { allowArchived: true });
    return this.snapshots.get(workspaceId, snapshotId);
  }
}
