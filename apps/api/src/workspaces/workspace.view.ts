import { SnapshotRecord, WorkspaceRecord } from '@app/store';
import { snapshotView } from '../snapshots/snapshot.view';

/** A workspace as the API shows it: the token is never part of it, only whether one is set. */
export function workspaceView(workspace: WorkspaceRecord, lastSnapshot?: SnapshotRecord | null) {
  return {
    id: workspace.id,
    name: workspace.name,
    provider: workspace.provider,
    baseUrl: workspace.baseUrl,
    region: workspace.region,
    tokenSet: workspace.tokenCiphertext !== null,
    schedule: workspace.schedule,
    timezone: workspace.timezone,
    scheduleEnabled: workspace.scheduleEnabled,
    rateLimitPerMinute: workspace.rateLimitPerMinute,
    retentionDays: workspace.retentionDays,
    segment: workspace.segmentWorkspaceId
      ? {
          workspaceId: workspace.segmentWorkspaceId,
          slug: workspace.segmentSlug,
          // the built-in simulator's instance this workspace was first read from (null for Segment)
          simulatorInstanceId: workspace.simulatorInstanceId,
        }
      : null,
    version: workspace.streamVersion,
    status: workspace.archivedAt ? 'archived' : 'active',
    archivedAt: workspace.archivedAt,
    createdAt: workspace.createdAt,
    updatedAt: workspace.updatedAt,
    ...(lastSnapshot !== undefined ? { lastSnapshot: lastSnapshot ? snapshotView(lastSnapshot) : null } : {}),
  };
}
