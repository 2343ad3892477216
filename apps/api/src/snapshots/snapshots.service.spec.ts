import { NotFoundError } from '@app/core';
import { SnapshotRequester } from '@app/application';
import { SnapshotRecord, SnapshotRepository, WorkspaceRecord, WorkspaceRepository } from '@app/store';
import { useTestService } from '../../../../test/support/new-test-service';
import { decodeCursor, encodeCursor, isInstantIdCursor } from '../common/pagination';
import { SnapshotsService } from './snapshots.service';

const WS = '11111111-1111-4111-8111-111111111111';
const snapshot = (n: number): SnapshotRecord =>
  ({ id: `00000000-0000-4000-8000-00000000000${n}`, requestedAt: new Date(Date.UTC(2026, 0, n)) }) as SnapshotRecord;

describe('SnapshotsService', () => {
  const t = useTestService(SnapshotsService, {
    workspaces: WorkspaceRepository,
    snapshots: SnapshotRepository,
    requester: SnapshotRequester,
  });

  beforeEach(async () => {
    t.workspaces.get.mockResolvedValue({ id: WS } as WorkspaceRecord);
  });

  it('request: queues a manual snapshot of an active workspace', async () => {
    t.requester.request.mockResolvedValue({ snapshot: snapshot(1), jobId: 'snapshot:1', joined: true });
    expect(await t.sut.request(WS)).toEqual({ snapshot: snapshot(1), jobId: 'snapshot:1', joined: true });
    expect(t.workspaces.get).toHaveBeenCalledWith(WS);
    expect(t.requester.request).toHaveBeenCalledWith({ workspaceId: WS, trigger: 'manual' });
  });

  it('request: nothing is queued for a workspace that is not active', async () => {
    t.workspaces.get.mockRejectedValue(new NotFoundError('No workspace'));
    await expect(t.sut.request(WS)).rejects.toBeInstanceOf(NotFoundError);
    expect(t.requester.request).not.toHaveBeenCalled();
  });

  it('list: newest first, keyset-paged by request time and id', async () => {
    t.snapshots.list.mockResolvedValue([snapshot(3), snapshot(2), snapshot(1)]);
    const page = await t.sut.list(WS, { limit: 2, status: 'completed' });
    expect(t.workspaces.get).toHaveBeenCalledWith(WS, { allowArchived: true });
    expect(t.snapshots.list).toHaveBeenCalledWith(WS, { take: 3, status: 'completed', before: undefined });
    expect(page.items).toEqual([snapshot(3), snapshot(2)]);
    expect(decodeCursor(page.nextCursor!, isInstantIdCursor)).toEqual({ at: '2026-01-02T00:00:00.000Z', id: snapshot(2).id });
  });

  it('list: continues before the cursor', async () => {
    t.snapshots.list.mockResolvedValue([snapshot(1)]);
    const page = await t.sut.list(WS, { cursor: encodeCursor({ at: '2026-01-02T00:00:00.000Z', id: snapshot(2).id }) });
    expect(t.snapshots.list).toHaveBeenCalledWith(WS, {
      take: 51,
      status: undefined,
      before: { requestedAt: new Date('2026-01-02T00:00:00.000Z'), id: snapshot(2).id },
    });
    expect(page.nextCursor).toBeNull();
  });

  it('get: a snapshot of this workspace (archived ones included)', async () => {
    t.snapshots.get.mockResolvedValue(snapshot(1));
    expect(await t.sut.get(WS, snapshot(1).id)).toEqual(snapshot(1));
    expect(t.workspaces.get).toHaveBeenCalledWith(WS, { allowArchived: true });
    expect(t.snapshots.get).toHaveBeenCalledWith(WS, snapshot(1).id);
  });
});
