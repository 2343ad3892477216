import { AtSpec, JsonObject, KIND_CATALOG, KindCatalog, ResourceEntry, resourceKey, ValidationError } from '@app/core';
import { asString, defineTestKind } from '@app/core/kinds/test-kinds';
import { LoadedStateAt, ResolvedVersion, StateReader, WorkspaceRecord, WorkspaceRepository, WorkspaceStateAt } from '@app/store';
import { useTestService } from '../../../../test/support/new-test-service';
import { DiffService } from './diff.service';

const catalog = new KindCatalog([
  defineTestKind({ kind: 'source', naturalKey: (body) => asString(body.name) }),
  defineTestKind({ kind: 'destination', naturalKey: (body) => asString(body.name) }),
]);

const STAGING = { id: '11111111-1111-4111-8111-111111111111', name: 'staging', segmentSlug: 'staging' } as WorkspaceRecord;
const PRODUCTION = { id: '22222222-2222-4222-8222-222222222222', name: 'production', segmentSlug: 'production' } as WorkspaceRecord;

const point = (version: number): ResolvedVersion => ({
  version,
  observedAt: new Date(Date.UTC(2026, 0, version)),
  snapshotId: `snapshot-${version}`,
  requested: `version ${version}`,
  exact: true,
});

/** Bodies by hash: a hash names its body (`source:web` is `{name: 'web'}`, `source:web:v2` a later one). */
const bodyOf = (hash: string): JsonObject => {
  const [, name, revision] = hash.split(':');
  return { name: name!, ...(revision ? { revision } : {}) };
};

const entry = (kind: string, id: string, hash: string, naturalKey = hash.split(':')[1]!): ResourceEntry => ({
  kind,
  id,
  naturalKey,
  hash,
  version: 1,
  observedAt: new Date(0),
});

const stateOf = (version: number, entries: ResourceEntry[]): WorkspaceStateAt => ({
  workspaceId: STAGING.id,
  workspaceSlug: 'staging',
  point: point(version),
  entries,
  byKey: new Map(entries.map((e) => [resourceKey(e.kind, e.id), e])),
});

/** Version 1: two sources and a destination. Version 2: `ios` deleted, `web` changed, `android` created, the destination renamed. */
const STATES = new Map([
  [
    1,
    stateOf(1, [
      entry('source', 's-web', 'source:web'),
      entry('source', 's-ios', 'source:ios'),
      entry('destination', 'd-1', 'destination:amp'),
    ]),
  ],
  [
    2,
    stateOf(2, [
      entry('source', 's-web', 'source:web:v2'),
      entry('source', 's-android', 'source:android'),
      entry('destination', 'd-1', 'destination:amplitude'),
    ]),
  ],
]);

describe('DiffService', () => {
  const t = useTestService(DiffService, { workspaces: WorkspaceRepository, states: StateReader }, [
    { provide: KIND_CATALOG, useValue: catalog },
  ]);

  beforeEach(async () => {
    t.workspaces.get.mockResolvedValue(STAGING);
    t.states.resolve.mockImplementation(async (_workspace, at: AtSpec) => point('version' in at ? at.version : 2));
    t.states.stateAt.mockImplementation(async (_workspace, at) => STATES.get(at.version)!);
    t.states.bodies.mockImplementation(async (hashes) => new Map(hashes.map((hash) => [hash, bodyOf(hash)])));
  });

  describe('workspaceDiff', () => {
    it('lists what was created, deleted and changed, with totals by kind and overall', async () => {
      const diff = await t.sut.workspaceDiff(STAGING.id, { from: '1', to: '2' });
      expect(diff.from.version).toBe(1);
      expect(diff.to.version).toBe(2);
      expect(diff.entries.map((e) => [e.kind, e.id, e.status])).toEqual([
        ['destination', 'd-1', 'changed'],
        ['source', 's-android', 'created'],
        ['source', 's-ios', 'deleted'],
        ['source', 's-web', 'changed'],
      ]);
      expect(diff.entries.find((e) => e.id === 's-web')!.ops).toEqual([{ op: 'add', path: '/revision', value: 'v2' }]);
      expect(diff.totals).toEqual({ destination: { created: 0, deleted: 0, changed: 1 }, source: { created: 1, deleted: 1, changed: 1 } });
      expect(diff.total).toEqual({ created: 1, deleted: 1, changed: 2 });
    });

    it('names a deleted resource by the key it had, and the others as they are now', async () => {
      const diff = await t.sut.workspaceDiff(STAGING.id, { from: '1', to: '2' });
      expect(diff.entries.find((e) => e.id === 's-ios')!.naturalKey).toBe('ios');
      expect(diff.entries.find((e) => e.id === 'd-1')!.naturalKey).toBe('amplitude');
    });

    it('reads the earlier state first even when from is the later version, and reports the change backwards', async () => {
      const diff = await t.sut.workspaceDiff(STAGING.id, { from: '2', to: '1' });
      expect(t.states.stateAt.mock.calls.map(([, at]) => at.version)).toEqual([1, 2]);
      expect(diff.entries.find((e) => e.id === 's-ios')!.status).toBe('created');
      expect(diff.entries.find((e) => e.id === 's-android')!.status).toBe('deleted');
    });

    it('to defaults to latest', async () => {
      await t.sut.workspaceDiff(STAGING.id, { from: '1' });
      expect(t.states.resolve).toHaveBeenCalledWith(STAGING, { latest: true });
    });

    it('a kind filter reads only the bodies of that kind', async () => {
      const diff = await t.sut.workspaceDiff(STAGING.id, { from: '1', to: '2', kind: 'destination' });
      expect(diff.entries.map((e) => e.id)).toEqual(['d-1']);
      expect(t.states.bodies).toHaveBeenCalledWith(expect.arrayContaining(['destination:amp', 'destination:amplitude']));
      expect(t.states.bodies.mock.calls[0]![0]).toHaveLength(2);
    });

    it('a status filter keeps the totals of everything', async () => {
      const diff = await t.sut.workspaceDiff(STAGING.id, { from: '1', to: '2', status: 'created' });
      expect(diff.entries.map((e) => e.id)).toEqual(['s-android']);
      expect(diff.total).toEqual({ created: 1, deleted: 1, changed: 2 });
    });

    it('refuses an unknown kind before reading anything', async () => {
      await expect(t.sut.workspaceDiff(STAGING.id, { from: '1', kind: 'pipeline' })).rejects.toMatchObject({
        field: 'kind',
        message: "kind must be one of source, destination; got 'pipeline'",
      });
      expect(t.workspaces.get).not.toHaveBeenCalled();
    });

    it('names the field of a point it cannot read', async () => {
      const error = await t.sut.workspaceDiff(STAGING.id, { from: '1', to: 'yesterday' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ field: 'to' });
    });
  });

  describe('crossDiff', () => {
    const loaded = (workspace: WorkspaceRecord, version: number, resources: Array<[string, string, JsonObject]>): LoadedStateAt =>
      ({
        ...stateOf(version, []),
        workspaceId: workspace.id,
        resources: resources.map(([kind, id, body]) => ({
          ...entry(kind, id, `${kind}:${id}`, asString(body.name)),
          body,
          displayName: '',
        })),
      }) as LoadedStateAt;

    beforeEach(() => {
      t.workspaces.byIdOrName.mockImplementation(async (ref) => (ref === STAGING.name || ref === STAGING.id ? STAGING : PRODUCTION));
      t.states.stateAt.mockImplementation(async (_workspace, at) => stateOf(at.version, []));
      t.states.loadAll.mockImplementation(async (state) =>
        state.point.version === 3
          ? loaded(STAGING, 3, [
              ['source', 'a1', { name: 'web', enabled: true }],
              ['source', 'a2', { name: 'ios' }],
            ])
          : loaded(PRODUCTION, 2, [
              ['source', 'b1', { name: 'web', enabled: false }],
              ['source', 'b3', { name: 'android' }],
            ]),
      );
    });

    it('compares by natural key: ids never count as differences', async () => {
      const diff = await t.sut.crossDiff({ left: 'staging@3', right: PRODUCTION.id });
      expect(t.workspaces.byIdOrName).toHaveBeenCalledWith('staging', 'left');
      expect(t.workspaces.byIdOrName).toHaveBeenCalledWith(PRODUCTION.id, 'right');
      expect(t.states.resolve).toHaveBeenCalledWith(STAGING, { version: 3 });
      expect(t.states.resolve).toHaveBeenCalledWith(PRODUCTION, { latest: true });
      expect(diff.left).toEqual({ workspace: STAGING, point: point(3) });
      expect(diff.entries.map((e) => [e.naturalKey, e.status])).toEqual(
        expect.arrayContaining([
          ['web', 'changed'],
          ['ios', 'onlyLeft'],
          ['android', 'onlyRight'],
        ]),
      );
      expect(diff.total).toMatchObject({ onlyLeft: 1, onlyRight: 1, changed: 1 });
    });

    it('a status filter narrows the entries, not the totals', async () => {
      const diff = await t.sut.crossDiff({ left: 'staging@3', right: 'production', status: 'onlyRight' });
      expect(diff.entries.map((e) => e.naturalKey)).toEqual(['android']);
      expect(diff.totals.source).toMatchObject({ onlyLeft: 1, onlyRight: 1, changed: 1 });
    });

    it('refuses a side without a workspace, naming it', async () => {
      await expect(t.sut.crossDiff({ left: 'staging', right: '@2' })).rejects.toMatchObject({
        field: 'right',
        message: 'right must be <workspace id or name>[@<version|instant|latest>]',
      });
    });

    it('names the side whose point it cannot read', async () => {
      await expect(t.sut.crossDiff({ left: 'staging@soon', right: 'production' })).rejects.toMatchObject({ field: 'left' });
    });
  });
});
