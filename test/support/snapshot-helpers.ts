import { INestApplicationContext } from '@nestjs/common';
import { SegmentHosts } from '../../libs/config/src';
import { TakeSnapshotService } from '../../apps/worker/src/snapshots/take-snapshot.service';
import { WorkspacesService } from '../../apps/api/src/workspaces/workspaces.service';
import { SnapshotRepository, TokenCipher, WorkspaceRepository } from '../../libs/store/src';
import { TestContext } from './test-context';
import { SegmentConnectionFactory } from '../../apps/worker/src/segment/segment-connection.factory';
import { observeResources } from '../../libs/core/src';
import { SEGMENT_CATALOG } from '../../libs/catalog/src';
import { WorkspaceReader } from '../../libs/segment/src';

/** Registers a simulator workspace directly through the store (no API needed). */
export async function registerWorkspace(ctx: TestContext, app: INestApplicationContext, name = 'staging', token = 'sim_staging') {
  const service = new WorkspacesService(
    app.get(WorkspaceRepository),
    app.get(SnapshotRepository),
    app.get(TokenCipher),
    app.get(SegmentHosts),
  );
  return service.create({ name, token, baseUrl: ctx.simUrl });
}

/** Records a snapshot request and runs it in this process, as the worker would. */
export async function snapshotNow(app: INestApplicationContext, workspaceId: string) {
  const { snapshot } = await app.get(SnapshotRepository).request({ workspaceId, trigger: 'manual' });
  const outcome = await app.get(TakeSnapshotService).run(workspaceId, snapshot.id);
  return { outcome, snapshot: (await app.get(SnapshotRepository).find(snapshot.id))! };
}

export async function eventsOf(ctx: TestContext, workspaceId: string, fromVersion = 0) {
  return ctx.prisma.event.findMany({ where: { workspaceId, version: { gt: fromVersion } }, orderBy: { version: 'asc' } });
}

/**
 * What the simulator holds right now, read and normalized exactly as a snapshot would read it,
 * but recorded nowhere: the reference a later "state at version" must equal.
 */
export async function observeLive(
  app: INestApplicationContext,
  workspaceId: string,
): Promise<Map<string, { kind: string; id: string; naturalKey: string; body: unknown }>> {
  const workspace = await app.get(WorkspaceRepository).get(workspaceId);
  const read = await new WorkspaceReader(app.get(SegmentConnectionFactory).forWorkspace(workspace), SEGMENT_CATALOG).read();
  const observed = observeResources(SEGMENT_CATALOG, read.workspace.slug, read.items);
  return new Map(observed.map((r) => [`${r.kind}/${r.id}`, { kind: r.kind, id: r.id, naturalKey: r.naturalKey, body: r.body }]));
}
