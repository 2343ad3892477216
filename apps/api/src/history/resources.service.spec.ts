import { JsonObject, KIND_CATALOG, KindCatalog, NaturalKeyResolver, Resource, ResourceEntry } from '@app/core';
import { asString, defineTestKind } from '@app/core/kinds/test-kinds';
import { LoadedStateAt, ResolvedVersion, StateReader, WorkspaceRecord, WorkspaceRepository, WorkspaceStateAt } from '@app/store';
import { useTestService } from '../../../../test/support/new-test-service';
import { decodeCursor, encodeCursor } from '../common/pagination';
import { ResourcesService } from './resources.service';

const catalog = new KindCatalog([
  defineTestKind({
    kind: 'source',
    naturalKey: (body) => asString(body.name),
    labels: (body) => (Array.isArray(body.labels) ? body.labels.map(String) : []),
  }),
  defineTestKind({ kind: 'destination', naturalKey: (body) => asString(body.name) }),
]);

const WORKSPACE = { id: '11111111-1111-4111-8111-111111111111', name: 'staging' } as WorkspaceRecord;
const point = (version: number): ResolvedVersion => ({
  version,
  observedAt: new Date(0),
  snapshotId: null,
  requested: String(version),
  exact: true,
});

const BODIES: Record<string, JsonObject> = {
  's-web': { name: 'Web', labels: ['environment:prod'] },
  's-ios': { name: 'iOS app', labels: ['environment:dev'] },
  'd-amp': { name: 'Amplitude' },
  'd-ga': { name: 'Google Analytics' },
};
const entry = (kind: string, id: string): ResourceEntry => ({
  kind,
  id,
  naturalKey: String(BODIES[id]!.name),
  hash: `h-${id}`,
  version: 1,
  observedAt: new Date(0),
});
const ENTRIES = [entry('source', 's-ios'), entry('source', 's-web'), entry('destination', 'd-amp'), entry('destination', 'd-ga')];
const withBody = (e: ResourceEntry): Resource => ({ ...e, body: BODIES[e.id]!, displayName: String(BODIES[e.id]!.name) });

describe('ResourcesService', () => {
  const t = useTestService(ResourcesService, { workspaces: WorkspaceRepository, states: StateReader }, [
    { provide: KIND_CATALOG, useValue: catalog },
  ]);

  beforeEach(async () => {
    t.workspaces.get.mockResolvedValue(WORKSPACE);
    t.states.resolve.mockImplementation(async (_workspace, at) => point('version' in at ? at.version : 5));
    t.states.stateAt.mockImplementation(async (_workspace, at) => ({ point: at, entries: ENTRIES }) as WorkspaceStateAt);
    t.states.load.mockImplementation(async (entries) => entries.map(withBody));
    t.states.loadAll.mockImplementation(
      async (state) => ({ ...state, resources: state.entries.map(withBody), resolver: {} as NaturalKeyResolver }) as LoadedStateAt,
    );
  });

  it('pages a state, loading only the bodies of the page', async () => {
    const page = await t.sut.list(WORKSPACE.id, { limit: 3 });
    expect(t.states.resolve).toHaveBeenCalledWith(WORKSPACE, { latest: true });
    expect(page.point.version).toBe(5);
    expect(page.total).toBe(4);
    expect(page.items.map((r) => r.id)).toEqual(['s-ios', 's-web', 'd-amp']);
    expect(t.states.load).toHaveBeenCalledWith(ENTRIES.slice(0, 3));
    expect(t.states.loadAll).not.toHaveBeenCalled();
    expect(decodeCursor(page.nextCursor!, (value): value is Record<string, unknown> => value !== null)).toEqual({
      v: 5,
      k: 'destination',
      i: 'd-amp',
    });
  });

  it('a cursor keeps its version, whatever at says, and continues after its resource', async () => {
    const page = await t.sut.list(WORKSPACE.id, { at: 'latest', limit: 3, cursor: encodeCursor({ v: 4, k: 'destination', i: 'd-amp' }) });
    expect(t.states.resolve).toHaveBeenCalledWith(WORKSPACE, { version: 4 });
    expect(page.items.map((r) => r.id)).toEqual(['d-ga']);
    expect(page.nextCursor).toBeNull();
  });

  it('filters by kind without reading bodies', async () => {
    const page = await t.sut.list(WORKSPACE.id, { kind: 'destination' });
    expect(page.items.map((r) => r.id)).toEqual(['d-amp', 'd-ga']);
    expect(page.total).toBe(2);
    expect(t.states.loadAll).not.toHaveBeenCalled();
  });

  it('filters by part of the name, whatever its case, over the loaded state', async () => {
    const page = await t.sut.list(WORKSPACE.id, { name: 'AMP' });
    expect(page.items.map((r) => r.id)).toEqual(['d-amp']);
    expect(t.states.loadAll).toHaveBeenCalled();
  });

  it('filters by label', async () => {
    const page = await t.sut.list(WORKSPACE.id, { label: 'environment:prod' });
    expect(page.items.map((r) => r.id)).toEqual(['s-web']);
  });

  it.each([
    [{ kind: 'pipeline' }, 'kind'],
    [{ label: 'prod' }, 'label'],
  ])('refuses %p before reading anything', async (request, field) => {
    await expect(t.sut.list(WORKSPACE.id, request)).rejects.toMatchObject({ field });
    expect(t.workspaces.get).not.toHaveBeenCalled();
  });

  it('refuses a cursor it did not make, and a point it cannot read', async () => {
    await expect(t.sut.list(WORKSPACE.id, { cursor: encodeCursor({ v: 'x' }) })).rejects.toMatchObject({ field: 'cursor' });
    await expect(t.sut.list(WORKSPACE.id, { at: 'yesterday' })).rejects.toMatchObject({ field: 'at' });
    expect(t.states.resolve).not.toHaveBeenCalled();
  });
});
