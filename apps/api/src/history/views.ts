import { ResolvedVersion } from '@app/store';

export const resolvedView = (point: ResolvedVersion) => ({
  requested: point.requested,
  version: point.version,
  observedAt: point.observedAt,
  snapshotId: point.snapshotId,
  exact: point.exact,
});
