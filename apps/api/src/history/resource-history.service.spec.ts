import { JsonObject, KIND_CATALOG, KindCatalog, NotFoundError, StoredResourceEvent } from '@app/core';
import { asString, defineTestKind } from '@app/core/kinds/test-kinds';
import { HistoryRepository, WorkspaceRecord, WorkspaceRepository } from '@app/store';
import { useTestService } from '../../../../test/support/new-test-service';
import { ResourceHistoryService } from './resource-history.service';

const catalog = new KindCatalog([defineTestKind({ kind: 'source', naturalKey: (body) => asString(body.name) })]);
const WORKSPACE = { id: '11111111-1111-4111-8111-111111111111', name: 'staging' } as WorkspaceRecord;

const event = (version: number, type: StoredResourceEvent['type'], body: JsonObject | null): StoredResourceEvent => ({
  version,
  type,
  observedAt: new Date(Date.UTC(2026, 0, version)),
  cause: 'snapshot',
  causeId: `s${version}`,
  naturalKey: 'web',
  blobHash: body ? `h${version}` : null,
  body,
});

describe('ResourceHistoryService', () => {
  const t = useTestService(ResourceHistoryService, { workspaces: WorkspaceRepository, history: HistoryRepository }, [
    { provide: KIND_CATALOG, useValue: catalog },
  ]);

  beforeEach(async () => {
    t.workspaces.get.mockResolvedValue(WORKSPACE);
  });

  it("gives a resource's events with their patches, and blame for its fields", async () => {
    t.history.resourceEvents.mockResolvedValue([
      event(1, 'ResourceCreated', { name: 'web' }),
      event(2, 'ResourceUpdated', { name: 'web', enabled: true }),
    ]);
    const timeline = await t.sut.timeline(WORKSPACE.id, 'source', 's1');
    expect(t.history.resourceEvents).toHaveBeenCalledWith(WORKSPACE.id, 'source', 's1');
    expect(timeline).toMatchObject({ kind: 'source', id: 's1' });
    expect(timeline.events.map((e) => e.version)).toEqual([1, 2]);
    expect(timeline.events[1]!.patch).toEqual([{ op: 'add', path: '/enabled', value: true }]);
    expect(timeline.blame['/enabled']).toMatchObject({ version: 2 });
    expect(timeline.blame['/name']).toMatchObject({ version: 1 });
  });

  it('a resource the history never saw is a 404 naming it', async () => {
    t.history.resourceEvents.mockResolvedValue([]);
    const error = await t.sut.timeline(WORKSPACE.id, 'source', 'nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      message: "No source 'nope' in the history of workspace 'staging'",
      details: { kind: 'source', id: 'nope' },
    });
  });

  it('an unknown kind is a 400 before anything is read', async () => {
    await expect(t.sut.timeline(WORKSPACE.id, 'pipeline', 'x')).rejects.toMatchObject({ field: 'kind' });
    expect(t.workspaces.get).not.toHaveBeenCalled();
  });
});
