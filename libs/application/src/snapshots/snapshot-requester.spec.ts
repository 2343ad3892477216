import { SnapshotQueue } from '@app/jobs';
import { SnapshotRecord, SnapshotRepository } from '@app/store';
import { Mocked, newTestService } from '../../../../test/support/new-test-service';
import { SnapshotRequester } from './snapshot-requester';

const WS = 'ws-1';
const row = (id: string, overrides: Partial<SnapshotRecord> = {}) =>
  ({ id, workspaceId: WS, status: 'queued', jobId: `snapshot:${WS}:${id}`, scheduledFor: null, ...overrides }) as SnapshotRecord;

describe('SnapshotRequester', () => {
  let sut: SnapshotRequester;
  let snapshots: Mocked<SnapshotRepository>;
  let queue: Mocked<SnapshotQueue>;

  beforeEach(async () => {
    const service = await newTestService(SnapshotRequester);
    sut = service.sut;
    snapshots = service.mock(SnapshotRepository);
    queue = service.mock(SnapshotQueue);
    snapshots.setJobId.mockImplementation(async (id, jobId) => row(id, { jobId }));
  });

  it('gives a new snapshot a job named after the snapshot itself, never after its schedule window', async () => {
    const window = new Date('2026-01-15T01:00:00Z');
    snapshots.request.mockResolvedValueOnce({ snapshot: row('a', { jobId: null, scheduledFor: window }), joined: false });
    snapshots.request.mockResolvedValueOnce({
      snapshot: row('b', { jobId: null, scheduledFor: new Date(window.getTime() + 10_000) }),
      joined: false,
    });
    const first = await sut.request({ workspaceId: WS, trigger: 'schedule', scheduledFor: window });
    const second = await sut.request({ workspaceId: WS, trigger: 'schedule', scheduledFor: new Date(window.getTime() + 10_000) });
    expect([first.jobId, second.jobId]).toEqual([`snapshot:${WS}:a`, `snapshot:${WS}:b`]);
    expect(queue.add).toHaveBeenCalledWith({ workspaceId: WS, snapshotId: 'a' }, `snapshot:${WS}:a`);
    expect(queue.liveness).not.toHaveBeenCalled();
  });

  it('joins a queued snapshot whose job is alive', async () => {
    snapshots.request.mockResolvedValue({ snapshot: row('a'), joined: true });
    queue.liveness.mockResolvedValue('alive');
    expect(await sut.request({ workspaceId: WS, trigger: 'manual' })).toMatchObject({ snapshot: { id: 'a' }, joined: true });
    expect(snapshots.cancel).not.toHaveBeenCalled();
  });

  it.each([
    ['missing', 'is no longer in the queue'],
    ['finished', 'ended without settling'],
  ] as const)('does not join a snapshot whose job is %s: marks it failed and asks for a new one', async (liveness, reason) => {
    snapshots.request.mockResolvedValueOnce({ snapshot: row('stale', { status: 'running' }), joined: true });
    snapshots.request.mockResolvedValueOnce({ snapshot: row('fresh', { jobId: null }), joined: false });
    queue.liveness.mockResolvedValue(liveness);
    const result = await sut.request({ workspaceId: WS, trigger: 'manual' });
    expect(snapshots.cancel).toHaveBeenCalledWith('stale', expect.stringContaining('job lost'));
    expect(snapshots.cancel.mock.calls[0]![1]).toContain(reason);
    expect(result).toMatchObject({ snapshot: { id: 'fresh' }, jobId: `snapshot:${WS}:fresh`, joined: false });
    expect(queue.add).toHaveBeenCalledWith({ workspaceId: WS, snapshotId: 'fresh' }, `snapshot:${WS}:fresh`);
  });

  it('gives a joined snapshot that has no job yet one (a lost enqueue, or one a plan runs itself)', async () => {
    snapshots.request.mockResolvedValue({ snapshot: row('a', { jobId: null, status: 'running' }), joined: true });
    expect(await sut.request({ workspaceId: WS, trigger: 'manual' })).toMatchObject({ jobId: `snapshot:${WS}:a`, joined: true });
    expect(queue.liveness).not.toHaveBeenCalled();
    expect(snapshots.cancel).not.toHaveBeenCalled();
  });

  it('joins a finished snapshot of the same schedule window without touching it', async () => {
    snapshots.request.mockResolvedValue({ snapshot: row('a', { status: 'completed' }), joined: true });
    expect(await sut.request({ workspaceId: WS, trigger: 'schedule', scheduledFor: new Date() })).toMatchObject({ joined: true });
    expect(queue.add).not.toHaveBeenCalled();
    expect(snapshots.cancel).not.toHaveBeenCalled();
  });
});
