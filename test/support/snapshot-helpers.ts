import { INestApplicationContext } from '@nestjs/common';
import { TakeSnapshotService } from '../../apps/worker/src/snapshots/take-snapshot.service';
import { WorkspacesService } from '../../apps/api/src/workspaces/workspaces.service';
import { SnapshotRepository, TokenCipher, WorkspaceRepository } from '../../libs/store/src';
import { TestContext } from './test-context';

/** Registers a simulator workspace directly through the store (no API needed). */
export async function registerWorkspace(ctx: TestContext, app: INestApplicationContext, name = 'staging', token = 'sim_staging') {
  const service = new WorkspacesService(app.get(WorkspaceRepository), app.get(SnapshotRepository), app.get(TokenCipher));
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
