import YAML from 'yaml';
import { AtSpec, JsonObject, manifestRoot, Resource } from '@app/core';
import { LoadedStateAt, ResolvedVersion, StateReader, WorkspaceRecord, WorkspaceRepository } from '@app/store';
import { useTestService } from '../../../../test/support/new-test-service';
import { ExportService } from './export.service';

const WORKSPACE = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'prod / eu',
  segmentWorkspaceId: 'ws_1',
  segmentSlug: 'prod-eu',
} as WorkspaceRecord;

const POINT: ResolvedVersion = {
  version: 3,
  observedAt: new Date('2026-02-01T02:00:00Z'),
  snapshotId: 's3',
  requested: 'version 3',
  exact: true,
};

const resource = (kind: string, id: string, naturalKey: string, body: JsonObject): Resource => ({
  kind,
  id,
  naturalKey,
  hash: `h-${id}`,
  version: 1,
  observedAt: new Date(0),
  body,
  displayName: naturalKey,
});

const RESOURCES = [
  resource('source', 's1', 'web', { name: 'web', enabled: true }),
  resource('source', 's2', 'ios', { name: 'ios' }),
  resource('destination', 'd1', 'web / Amplitude', { name: 'Amplitude', settings: { b: 2, a: 1 } }),
];

describe('ExportService', () => {
  const t = useTestService(ExportService, { workspaces: WorkspaceRepository, states: StateReader });

  beforeEach(async () => {
    t.workspaces.get.mockResolvedValue(WORKSPACE);
    t.states.resolve.mockResolvedValue(POINT);
    t.states.stateAt.mockResolvedValue({ point: POINT } as LoadedStateAt);
    t.states.loadAll.mockResolvedValue({ point: POINT, resources: RESOURCES } as LoadedStateAt);
  });

  it('exports the version asked for, of an archived workspace too', async () => {
    await t.sut.export(WORKSPACE.id, { at: '3' });
    expect(t.workspaces.get).toHaveBeenCalledWith(WORKSPACE.id, { allowArchived: true });
    expect(t.states.resolve).toHaveBeenCalledWith(WORKSPACE, { version: 3 } satisfies AtSpec);
  });

  it('names the folder after the workspace and the version, in characters every system accepts', async () => {
    const archive = await t.sut.export(WORKSPACE.id, {});
    expect(archive).toMatchObject({ folder: 'prod_eu-v3', version: 3, observedAt: POINT.observedAt });
    expect(t.states.resolve).toHaveBeenCalledWith(WORKSPACE, { latest: true });
  });

  it('starts with a manifest: workspace, version, root hash and counts by kind', async () => {
    const { files } = await t.sut.export(WORKSPACE.id, {});
    expect(files[0]!.path).toBe('manifest.json');
    expect(JSON.parse(files[0]!.content)).toEqual({
      format: 'segment-config-export/v1',
      workspace: { id: WORKSPACE.id, name: 'prod / eu', segmentWorkspaceId: 'ws_1', segmentSlug: 'prod-eu' },
      version: 3,
      observedAt: '2026-02-01T02:00:00.000Z',
      rootHash: manifestRoot(RESOURCES),
      counts: { source: 2, destination: 1 },
    });
  });

  it('then one file per resource, in a folder per kind, named by natural key', async () => {
    const { files } = await t.sut.export(WORKSPACE.id, {});
    expect(files.map((f) => f.path)).toEqual(['manifest.json', 'destination/web__Amplitude.json', 'source/ios.json', 'source/web.json']);
    expect(files[1]!.content).toBe(
      `${JSON.stringify({ body: { name: 'Amplitude', settings: { a: 1, b: 2 } }, id: 'd1', kind: 'destination', naturalKey: 'web / Amplitude' }, null, 2)}\n`,
    );
  });

  it('in YAML, keys sorted, when asked', async () => {
    const { files } = await t.sut.export(WORKSPACE.id, { format: 'yaml' });
    expect(files.map((f) => f.path)[0]).toBe('manifest.yaml');
    const destination = files.find((f) => f.path === 'destination/web__Amplitude.yaml')!;
    expect(YAML.parse(destination.content)).toEqual({
      kind: 'destination',
      id: 'd1',
      naturalKey: 'web / Amplitude',
      body: RESOURCES[2]!.body,
    });
    expect(destination.content.indexOf('a: 1')).toBeLessThan(destination.content.indexOf('b: 2'));
  });

  it('refuses a point it cannot read, naming at', async () => {
    await expect(t.sut.export(WORKSPACE.id, { at: 'soon' })).rejects.toMatchObject({ field: 'at' });
    expect(t.states.resolve).not.toHaveBeenCalled();
  });
});
