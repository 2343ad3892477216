// crossWorkspaceDiff is generic; these cases run it on states observed with the real Segment
// catalog, as the API compares two workspaces (staging against production).
import { SEGMENT_CATALOG } from '.';
import { crossWorkspaceDiff, JsonObject, KindName, observeResources, RawItem, WorkspaceState } from '@app/core';
import { MASK } from '../../../test/support/kind-fixtures';

interface WorkspaceIds {
  workspace: string;
  web: string;
  ios: string;
  fn: string;
  catalogId: string;
  amplitude: string;
  enricher: string;
  filter: string;
}

/** Raw items as Segment would list them for one workspace; ids are workspace-specific. */
function rawWorkspace(
  slug: string,
  ids: WorkspaceIds,
  tweak: (items: Map<KindName, RawItem[]>) => void = () => undefined,
): Map<KindName, RawItem[]> {
  const source = (id: string, sourceSlug: string): JsonObject => ({
    id,
    slug: sourceSlug,
    name: sourceSlug.toUpperCase(),
    metadata: { id: 'IqDTy1TpoU', name: 'Javascript', slug: 'javascript', options: [] },
    workspaceId: ids.workspace,
    enabled: true,
    writeKeys: [`${id}-write-key`],
    settings: { token: MASK },
    labels: [{ key: 'env', value: 'prod' }],
  });
  const amplitude: JsonObject = {
    id: ids.amplitude,
    name: 'Amplitude (web)',
    enabled: true,
    metadata: { id: 'amplitude-meta', name: 'Amplitude', slug: 'amplitude', options: [], actions: [] },
    sourceId: ids.web,
    settings: { apiKey: MASK, region: 'eu' },
  };
  const items = new Map<KindName, RawItem[]>([
    ['workspace', [{ raw: { id: ids.workspace, slug, name: slug.toUpperCase() } }]],
    ['label', [{ raw: { key: 'env', value: 'prod' } }]],
    [
      'function',
      [
        {
          raw: {
            id: ids.fn,
            resourceType: 'DESTINATION',
            createdAt: '2024-01-01T00:00:00Z',
            displayName: `Enricher (${slug})`,
            catalogId: ids.catalogId,
            code: 'async function onTrack(event) {}',
            settings: [],
          },
        },
      ],
    ],
    ['source', [{ raw: source(ids.web, 'web') }, { raw: source(ids.ios, 'ios') }]],
    [
      'destination',
      [
        { raw: amplitude },
        {
          raw: {
            id: ids.enricher,
            name: 'My enricher',
            enabled: true,
            metadata: { id: ids.catalogId, name: 'Enricher', slug: 'enricher', options: [], actions: [] },
            sourceId: ids.web,
            settings: {},
          },
        },
      ],
    ],
    [
      'destination-filter',
      [
        {
          raw: {
            id: ids.filter,
            sourceId: ids.web,
            destinationId: ids.amplitude,
            if: 'all',
            actions: [{ type: 'DROP' }],
            title: 'Drop all',
            enabled: true,
            createdAt: 'x',
            updatedAt: 'y',
          },
          parentRaw: amplitude,
          parentId: ids.amplitude,
        },
      ],
    ],
  ]);
  tweak(items);
  return items;
}

function state(slug: string, items: Map<KindName, RawItem[]>): WorkspaceState {
  return { workspaceSlug: slug, resources: observeResources(SEGMENT_CATALOG, slug, items) };
}

const STAGING: WorkspaceIds = {
  workspace: 'ws_s',
  web: 'src_web_s',
  ios: 'src_ios_s',
  fn: 'dfn_Abc',
  catalogId: 'Abc',
  amplitude: 'd_amp_s',
  enricher: 'd_enr_s',
  filter: 'f_s',
};
const PRODUCTION: WorkspaceIds = {
  workspace: 'ws_p',
  web: 'src_web_p',
  ios: 'src_ios_p',
  fn: 'dfn_Xyz',
  catalogId: 'Xyz',
  amplitude: 'd_amp_p',
  enricher: 'd_enr_p',
  filter: 'f_p',
};

const rawOf = (items: Map<KindName, RawItem[]>, kind: KindName, id: string): JsonObject =>
  items.get(kind)!.find((item) => item.raw.id === id)!.raw;

describe('crossWorkspaceDiff with the Segment catalog', () => {
  it('the same configuration in two workspaces has no difference, though every id differs', () => {
    const diff = crossWorkspaceDiff(
      SEGMENT_CATALOG,
      state('staging', rawWorkspace('staging', STAGING)),
      state('production', rawWorkspace('production', PRODUCTION)),
    );
    expect(diff.entries).toEqual([]);
    const same = (n: number) => ({ onlyLeft: 0, onlyRight: 0, changed: 0, same: n, ambiguous: 0 });
    expect(diff.totals).toEqual({
      label: same(1),
      function: same(1),
      source: same(2),
      destination: same(2),
      'destination-filter': same(1),
    });
  });

  it('never reports the workspaces themselves, whose slug and name differ', () => {
    const diff = crossWorkspaceDiff(
      SEGMENT_CATALOG,
      state('staging', rawWorkspace('staging', STAGING)),
      state('production', rawWorkspace('production', PRODUCTION)),
    );
    expect(diff.totals).not.toHaveProperty('workspace');
  });

  it("a destination on another source is another destination: its natural key holds the source's slug", () => {
    const production = rawWorkspace('production', PRODUCTION, (items) => {
      rawOf(items, 'destination', PRODUCTION.amplitude).sourceId = PRODUCTION.ios;
    });
    const diff = crossWorkspaceDiff(SEGMENT_CATALOG, state('staging', rawWorkspace('staging', STAGING)), state('production', production));
    expect(diff.entries.filter((e) => e.kind === 'destination').map((e) => [e.naturalKey, e.status])).toEqual([
      ['ios / amplitude-meta / Amplitude (web)', 'onlyRight'],
      ['web / amplitude-meta / Amplitude (web)', 'onlyLeft'],
    ]);
  });

  it('a changed setting is reported, the masked API key is listed as not comparable', () => {
    const production = rawWorkspace('production', PRODUCTION, (items) => {
      const raw = rawOf(items, 'destination', PRODUCTION.amplitude);
      raw.settings = { apiKey: MASK, region: 'us' };
      raw.enabled = false;
    });
    const diff = crossWorkspaceDiff(SEGMENT_CATALOG, state('staging', rawWorkspace('staging', STAGING)), state('production', production));
    expect(diff.entries).toHaveLength(1);
    const [entry] = diff.entries;
    expect(entry).toMatchObject({
      kind: 'destination',
      naturalKey: 'web / amplitude-meta / Amplitude (web)',
      status: 'changed',
      leftIds: ['d_amp_s'],
      rightIds: ['d_amp_p'],
      notComparable: ['settings.apiKey'],
    });
    expect(entry!.ops).toEqual(
      expect.arrayContaining([
        { op: 'replace', path: '/enabled', value: false },
        { op: 'replace', path: '/settings/region', value: 'us' },
      ]),
    );
    expect(entry!.summary).toMatch(/^destination 'Amplitude \(web\)': /);
    expect(entry!.summary).toContain('settings.region "eu"→"us"');
  });

  it('a secret readable in one workspace but masked in the other is not a difference', () => {
    const production = rawWorkspace('production', PRODUCTION, (items) => {
      rawOf(items, 'destination', PRODUCTION.amplitude).settings = { apiKey: 'plain-key', region: 'eu' };
    });
    const diff = crossWorkspaceDiff(SEGMENT_CATALOG, state('staging', rawWorkspace('staging', STAGING)), state('production', production));
    expect(diff.entries).toEqual([]);
  });

  it('a filter is matched through its destination and source, and its changes are reported', () => {
    const production = rawWorkspace('production', PRODUCTION, (items) => {
      items.get('destination-filter')![0]!.raw.actions = [{ type: 'SAMPLE', percent: 0.5 }];
    });
    const diff = crossWorkspaceDiff(SEGMENT_CATALOG, state('staging', rawWorkspace('staging', STAGING)), state('production', production));
    expect(diff.entries).toHaveLength(1);
    expect(diff.entries[0]).toMatchObject({
      kind: 'destination-filter',
      naturalKey: 'web / amplitude-meta / Amplitude (web) / Drop all',
      status: 'changed',
      leftIds: ['f_s'],
      rightIds: ['f_p'],
      notComparable: [],
    });
    expect(diff.entries[0]!.summary).toMatch(/^filter 'Drop all': actions\[0\]/);
  });

  it('compares only the kinds asked for, resolving references to the others', () => {
    const production = rawWorkspace('production', PRODUCTION, (items) => {
      rawOf(items, 'source', PRODUCTION.ios).enabled = false;
      rawOf(items, 'function', PRODUCTION.fn).code = 'async function onTrack(event) { return event }';
    });
    const left = state('staging', rawWorkspace('staging', STAGING));
    const right = state('production', production);
    const all = crossWorkspaceDiff(SEGMENT_CATALOG, left, right);
    expect(all.entries.map((e) => [e.kind, e.naturalKey])).toEqual([
      ['function', 'DESTINATION / Enricher'],
      ['source', 'ios'],
    ]);
    const destinations = crossWorkspaceDiff(SEGMENT_CATALOG, left, right, { kinds: new Set(['destination']) });
    expect(destinations).toEqual({
      entries: [],
      totals: { destination: { onlyLeft: 0, onlyRight: 0, changed: 0, same: 2, ambiguous: 0 } },
    });
  });

  it('two destinations with the same natural key on one side are ambiguous', () => {
    const production = rawWorkspace('production', PRODUCTION, (items) => {
      items.get('destination')!.push({ raw: { ...rawOf(items, 'destination', PRODUCTION.amplitude), id: 'd_amp_copy', enabled: false } });
    });
    const diff = crossWorkspaceDiff(SEGMENT_CATALOG, state('staging', rawWorkspace('staging', STAGING)), state('production', production), {
      kinds: new Set(['destination']),
    });
    expect(diff.entries).toEqual([
      {
        kind: 'destination',
        naturalKey: 'web / amplitude-meta / Amplitude (web)',
        status: 'ambiguous',
        leftIds: ['d_amp_s'],
        rightIds: ['d_amp_p', 'd_amp_copy'],
        ops: [],
        notComparable: [],
        summary: "destination 'Amplitude (web)': 2 resources share this natural key; not compared",
      },
    ]);
  });
});
