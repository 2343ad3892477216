import { SnapshotRecord } from '@app/store';

export function snapshotView(snapshot: SnapshotRecord) {
  return {
    id: snapshot.id,
    workspaceId: snapshot.workspaceId,
    status: snapshot.status,
    trigger: snapshot.trigger,
    cause: snapshot.cause,
    causeId: snapshot.causeId,
    scheduledFor: snapshot.scheduledFor,
    jobId: snapshot.jobId,
    attempts: snapshot.attempts,
    version: snapshot.version,
    requestedAt: snapshot.requestedAt,
    startedAt: snapshot.startedAt,
    finishedAt: snapshot.finishedAt,
    changes: { created: snapshot.created, updated: snapshot.updated, deleted: snapshot.deleted, unchanged: snapshot.unchanged },
    resourceCount: snapshot.resourceCount,
    rootHash: snapshot.rootHash,
    unavailableKinds: snapshot.unavailableKinds,
    requests: snapshot.requests,
    bytesAdded: Number(snapshot.bytesAdded),
    progress: snapshot.status === 'running' || snapshot.status === 'queued' ? snapshot.progress : undefined,
    error: snapshot.error,
  };
}
