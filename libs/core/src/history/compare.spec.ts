import { KindCatalog, SECRET_UNKNOWN } from '../kinds';
import { contentHash, JsonObject } from '../json';
import { NaturalKeyResolver } from '../snapshot';
import { ResourceBody, WorkspaceState } from '../resources';
import { comparableBody, crossWorkspaceDiff } from './compare';
import { defineTestKind, refAt, asString } from '../kinds/test-kinds';

// A small catalog shaped like Segment's: a read-only workspace and role, functions with a
// workspace-specific catalogId, sources, destinations pointing to a source and (by catalogId) to a
// function, filters pointing to a destination, and instances whose one field may point to a
// destination or a source.
const ref = refAt;

const define = defineTestKind;

const catalog = new KindCatalog([
  define({
    kind: 'workspace',
    readOnly: true,
    list: { path: '/', itemsKey: 'workspace', paginated: false, single: true },
    naturalKey: () => 'workspace',
    identity: ['/id', '/slug', '/name'],
  }),
  define({ kind: 'role', readOnly: true, naturalKey: (body) => asString(body.name) }),
  define({ kind: 'function', naturalKey: (body) => `${asString(body.resourceType)} / ${asString(body.name)}`, identity: ['/catalogId'] }),
  define({ kind: 'source', naturalKey: (body) => asString(body.slug), secrets: ['/settings/*'] }),
  define({
    kind: 'destination',
    naturalKey: (body, ctx) =>
      `${ctx.ref('source', asString(body.sourceId)) ?? '?'} / ${ctx.ref('function', asString(body.metadataId), 'catalogId') ?? asString(body.metadataId)} / ${asString(body.name)}`,
    references: (body) => [...ref(body, 'sourceId', 'source'), ...ref(body, 'metadataId', 'function', { by: 'catalogId', optional: true })],
    secrets: ['/settings/*'],
  }),
  define({
    kind: 'filter',
    label: 'destination filter',
    parent: { kind: 'destination' },
    naturalKey: (body, ctx) => `${ctx.ref('destination', asString(body.destinationId)) ?? '?'} / ${asString(body.title)}`,
    displayName: (body) => asString(body.title),
    references: (body) => ref(body, 'destinationId', 'destination'),
  }),
  define({
    kind: 'instance',
    naturalKey: (body, ctx) =>
      `${ctx.ref('destination', asString(body.integrationId)) ?? ctx.ref('source', asString(body.integrationId)) ?? '?'} / ${asString(body.name)}`,
    references: (body) => [
      { pointer: '/integrationId', kind: 'destination', value: asString(body.integrationId), optional: true },
      { pointer: '/integrationId', kind: 'source', value: asString(body.integrationId), optional: true },
    ],
  }),
]);

/** Resources with their natural key computed as a snapshot would. */
function workspace(slug: string, resources: ResourceBody[]): WorkspaceState {
  const resolver = new NaturalKeyResolver(catalog, slug, resources);
  return {
    workspaceSlug: slug,
    resources: resources.map((r) => ({ ...r, naturalKey: resolver.naturalKey(r.kind, r.id), hash: contentHash(r.body) })),
  };
}

const r = (kind: string, id: string, body: JsonObject): ResourceBody => ({ kind, id, body });

describe('comparableBody', () => {
  const resources = [
    r('source', 'src_web', { slug: 'web', name: 'Web' }),
    r('function', 'dfn_abc', { resourceType: 'DESTINATION', name: 'Enricher', catalogId: 'abc', code: 'x' }),
    r('destination', 'd_amp', { sourceId: 'src_web', metadataId: 'amplitude-meta', name: 'Amplitude', enabled: true }),
    r('destination', 'd_fn', { sourceId: 'src_web', metadataId: 'abc', name: 'Enriched' }),
    r('filter', 'f1', { destinationId: 'd_amp', title: 'Drop all', enabled: true }),
  ];
  const resolver = new NaturalKeyResolver(catalog, 'staging', resources);
  const find = (id: string) => resources.find((x) => x.id === id)!;

  it('replaces a reference by id with the kind and natural key of its target', () => {
    expect(comparableBody(catalog, resolver, find('d_amp'))).toEqual({
      sourceId: { $ref: 'source:web' },
      metadataId: 'amplitude-meta',
      name: 'Amplitude',
      enabled: true,
    });
  });

  it('resolves a reference made by another field of the target (a function by catalogId)', () => {
    expect(comparableBody(catalog, resolver, find('d_fn'))).toEqual({
      sourceId: { $ref: 'source:web' },
      metadataId: { $ref: 'function:DESTINATION / Enricher' },
      name: 'Enriched',
    });
  });

  it("uses the target's full natural key, itself built from references", () => {
    expect(comparableBody(catalog, resolver, find('f1'))).toEqual({
      destinationId: { $ref: 'destination:web / amplitude-meta / Amplitude' },
      title: 'Drop all',
      enabled: true,
    });
  });

  it('keeps a value that points to nothing in the workspace (a global id, a dangling reference) as it is', () => {
    const orphan = r('destination', 'd_orphan', { sourceId: 'src_gone', metadataId: 'webhook-meta', name: 'Hook' });
    expect(comparableBody(catalog, resolver, orphan)).toEqual(orphan.body);
  });

  it("drops the resource's own server-generated identifiers", () => {
    expect(comparableBody(catalog, resolver, find('dfn_abc'))).toEqual({ resourceType: 'DESTINATION', name: 'Enricher', code: 'x' });
    expect(
      comparableBody(catalog, resolver, r('workspace', 'ws1', { id: 'ws1', slug: 'staging', name: 'Staging', plan: 'business' })),
    ).toEqual({ plan: 'business' });
  });

  it('tolerates identity fields that are absent', () => {
    expect(comparableBody(catalog, resolver, r('function', 'dfn_new', { resourceType: 'SOURCE', name: 'N' }))).toEqual({
      resourceType: 'SOURCE',
      name: 'N',
    });
  });

  it('does not modify the resource it is given', () => {
    const destination = find('d_fn');
    const copy = structuredClone(destination);
    comparableBody(catalog, resolver, destination);
    comparableBody(catalog, resolver, find('dfn_abc'));
    expect(destination).toEqual(copy);
    expect(find('dfn_abc').body.catalogId).toBe('abc');
  });

  it('for a place that may point to several kinds, the first kind that resolves wins', () => {
    const withSource = new NaturalKeyResolver(catalog, 'staging', [
      ...resources,
      r('instance', 'i1', { integrationId: 'src_web', name: 'I' }),
    ]);
    expect(comparableBody(catalog, withSource, r('instance', 'i1', { integrationId: 'src_web', name: 'I' })).integrationId).toEqual({
      $ref: 'source:web',
    });
    expect(comparableBody(catalog, withSource, r('instance', 'i2', { integrationId: 'd_amp', name: 'I' })).integrationId).toEqual({
      $ref: 'destination:web / amplitude-meta / Amplitude',
    });
    // an id held by both kinds resolves to the first listed (destination), not overwritten by the second
    const clash = new NaturalKeyResolver(catalog, 'staging', [...resources, r('source', 'd_amp', { slug: 'clash' })]);
    expect(comparableBody(catalog, clash, r('instance', 'i3', { integrationId: 'd_amp', name: 'I' })).integrationId).toEqual({
      $ref: 'destination:web / amplitude-meta / Amplitude',
    });
  });
});

describe('crossWorkspaceDiff', () => {
  // The same configuration in two workspaces: every id differs, natural keys match.
  /** The same configuration as `env` holds it: ids carry the suffix (`_s`, `_p`), natural keys match. */
  const workspaceOf = (slug: string, name: string, suffix: string, catalogId: string) => [
    r('workspace', `ws${suffix}`, { id: `ws${suffix}`, slug, name }),
    r('role', `role${suffix}`, { name: 'Workspace Owner' }),
    r('function', `dfn${suffix}`, { resourceType: 'DESTINATION', name: 'Enricher', catalogId, code: 'v1' }),
    r('source', `src_web${suffix}`, { slug: 'web', name: 'Web', settings: { writeKey: SECRET_UNKNOWN } }),
    r('source', `src_ios${suffix}`, { slug: 'ios', name: 'iOS', settings: {} }),
    r('destination', `d_amp${suffix}`, {
      sourceId: `src_web${suffix}`,
      metadataId: 'amplitude-meta',
      name: 'Amplitude',
      enabled: true,
      settings: { apiKey: SECRET_UNKNOWN, region: 'eu' },
    }),
    r('destination', `d_fn${suffix}`, {
      sourceId: `src_web${suffix}`,
      metadataId: catalogId,
      name: 'Enriched',
      enabled: true,
      settings: {},
    }),
    r('filter', `f${suffix}`, { destinationId: `d_amp${suffix}`, title: 'Drop all', enabled: true }),
  ];
  const staging = () => workspaceOf('staging', 'Staging', '_s', 'cat_s');
  const production = () => workspaceOf('production', 'Production', '_p', 'cat_p');
  const same = (n: number) => ({ onlyLeft: 0, onlyRight: 0, changed: 0, same: n, ambiguous: 0 });

  /** Replaces the body of one resource (by id) with changes applied. */
  const edit = (resources: ResourceBody[], id: string, change: (body: JsonObject) => JsonObject) =>
    resources.map((x) => (x.id === id ? { ...x, body: change(structuredClone(x.body)) } : x));

  it('finds no difference between the same configuration under different ids', () => {
    const diff = crossWorkspaceDiff(catalog, workspace('staging', staging()), workspace('production', production()));
    expect(diff.entries).toEqual([]);
    expect(diff.totals).toEqual({ role: same(1), function: same(1), source: same(2), destination: same(2), filter: same(1) });
  });

  it('never compares the workspace itself, but does compare other read-only kinds', () => {
    const left = workspace(
      'staging',
      edit(staging(), 'role_s', (b) => ({ ...b, description: 'all' })),
    );
    const diff = crossWorkspaceDiff(catalog, left, workspace('production', production()));
    expect(diff.totals).not.toHaveProperty('workspace');
    expect(diff.entries.map((e) => [e.kind, e.status])).toEqual([['role', 'changed']]);
  });

  it('compares a reference by the natural key of what it points to', () => {
    const withoutFilters = (resources: ResourceBody[]) => resources.filter((x) => x.kind !== 'filter');
    const right = workspace(
      'production',
      edit(withoutFilters(production()), 'd_amp_p', (b) => ({ ...b, sourceId: 'src_ios_p' })),
    );
    // the natural key is given as stored: the destination still matches its counterpart
    right.resources.find((x) => x.id === 'd_amp_p')!.naturalKey = 'web / amplitude-meta / Amplitude';
    const diff = crossWorkspaceDiff(catalog, workspace('staging', withoutFilters(staging())), right);
    expect(diff.entries).toEqual([
      {
        kind: 'destination',
        naturalKey: 'web / amplitude-meta / Amplitude',
        status: 'changed',
        leftIds: ['d_amp_s'],
        rightIds: ['d_amp_p'],
        ops: [{ op: 'replace', path: '/sourceId/$ref', value: 'source:ios' }],
        notComparable: ['settings.apiKey'],
        summary: `destination 'Amplitude': sourceId.$ref "source:web"→"source:ios"`,
      },
    ]);
  });

  it('a destination running a function matches through the function, whose catalogId differs', () => {
    const diff = crossWorkspaceDiff(catalog, workspace('staging', staging()), workspace('production', production()));
    expect(diff.totals.destination).toEqual(same(2));
    expect(diff.totals.function).toEqual(same(1));
  });

  it('compares global (unresolvable) values as they are', () => {
    const left = workspace('staging', [r('destination', 'd1', { sourceId: 'gone', metadataId: 'amplitude-meta', name: 'X' })]);
    const right = workspace('production', [r('destination', 'd2', { sourceId: 'gone', metadataId: 'amplitude-meta', name: 'X' })]);
    expect(crossWorkspaceDiff(catalog, left, right).entries).toEqual([]);

    const moved = workspace('production', [r('destination', 'd2', { sourceId: 'gone-too', metadataId: 'amplitude-meta', name: 'X' })]);
    moved.resources[0]!.naturalKey = left.resources[0]!.naturalKey;
    expect(crossWorkspaceDiff(catalog, left, moved).entries[0]!.ops).toEqual([{ op: 'replace', path: '/sourceId', value: 'gone-too' }]);
  });

  it('reports changed fields as a patch from left to right, with a summary', () => {
    const right = workspace(
      'production',
      edit(production(), 'd_amp_p', (b) => ({
        ...b,
        enabled: false,
        settings: { ...(b.settings as JsonObject), region: 'us', batch: true },
      })),
    );
    const [entry] = crossWorkspaceDiff(catalog, workspace('staging', staging()), right).entries;
    expect(entry).toMatchObject({ kind: 'destination', status: 'changed', leftIds: ['d_amp_s'], rightIds: ['d_amp_p'] });
    expect(entry!.ops).toHaveLength(3);
    expect(entry!.ops).toEqual(
      expect.arrayContaining([
        { op: 'replace', path: '/enabled', value: false },
        { op: 'replace', path: '/settings/region', value: 'us' },
        { op: 'add', path: '/settings/batch', value: true },
      ]),
    );
    expect(entry!.summary).toMatch(/^destination 'Amplitude': /);
    expect(entry!.summary).toContain('enabled true→false');
    expect(entry!.summary).toContain('settings.region "eu"→"us"');
    expect(entry!.summary).toContain('settings.batch added');
  });

  it('reports resources present on one side only, with their ids', () => {
    const left = workspace('staging', [...staging(), r('source', 'src_android', { slug: 'android', name: 'Android', settings: {} })]);
    const right = workspace('production', [
      ...production(),
      r('filter', 'f_extra', { destinationId: 'd_fn_p', title: 'Sample', enabled: true }),
    ]);
    const diff = crossWorkspaceDiff(catalog, left, right);
    expect(diff.entries).toEqual([
      {
        kind: 'filter',
        naturalKey: 'web / DESTINATION / Enricher / Enriched / Sample',
        status: 'onlyRight',
        leftIds: [],
        rightIds: ['f_extra'],
        ops: [],
        notComparable: [],
        summary: "destination filter 'Sample' only in the right workspace",
      },
      {
        kind: 'source',
        naturalKey: 'android',
        status: 'onlyLeft',
        leftIds: ['src_android'],
        rightIds: [],
        ops: [],
        notComparable: [],
        summary: "source 'Android' only in the left workspace",
      },
    ]);
    expect(diff.totals.source).toEqual({ ...same(2), onlyLeft: 1 });
    expect(diff.totals.filter).toEqual({ ...same(1), onlyRight: 1 });
  });

  it('reports a natural key held by several resources on a side as ambiguous, without pairing them', () => {
    const left = workspace('staging', [...staging(), r('source', 'src_web_2', { slug: 'web', name: 'Web again', settings: {} })]);
    const right = workspace(
      'production',
      edit(production(), 'src_web_p', (b) => ({ ...b, name: 'Different' })),
    );
    const diff = crossWorkspaceDiff(catalog, left, right);
    expect(diff.entries).toEqual([
      {
        kind: 'source',
        naturalKey: 'web',
        status: 'ambiguous',
        leftIds: ['src_web_s', 'src_web_2'],
        rightIds: ['src_web_p'],
        ops: [],
        notComparable: [],
        summary: "source 'Web': 2 resources share this natural key; not compared",
      },
    ]);
    expect(diff.totals.source).toEqual({ ...same(1), ambiguous: 1 });
  });

  it('a duplicated natural key is ambiguous even when the other side has none', () => {
    const right = workspace('production', [
      r('source', 'a', { slug: 'dup', name: 'Dup', settings: {} }),
      r('source', 'b', { slug: 'dup', name: 'Dup', settings: {} }),
      r('source', 'c', { slug: 'dup', name: 'Dup', settings: {} }),
    ]);
    const diff = crossWorkspaceDiff(catalog, workspace('staging', []), right);
    expect(diff.entries).toHaveLength(1);
    expect(diff.entries[0]).toMatchObject({
      status: 'ambiguous',
      leftIds: [],
      rightIds: ['a', 'b', 'c'],
      summary: "source 'Dup': 3 resources share this natural key; not compared",
    });
    expect(diff.totals).toEqual({ source: { onlyLeft: 0, onlyRight: 0, changed: 0, same: 0, ambiguous: 1 } });
  });

  describe('masked secrets', () => {
    const left = () =>
      workspace('staging', [
        r('destination', 'd1', {
          metadataId: 'm',
          name: 'D',
          enabled: true,
          settings: { apiKey: SECRET_UNKNOWN, token: SECRET_UNKNOWN, region: 'eu' },
        }),
      ]);
    const right = (settings: JsonObject, enabled = true) => {
      const side = workspace('production', [r('destination', 'd2', { metadataId: 'm', name: 'D', enabled, settings })]);
      side.resources[0]!.naturalKey = left().resources[0]!.naturalKey;
      return side;
    };

    it('a secret masked on one side and readable on the other is not a difference', () => {
      const diff = crossWorkspaceDiff(catalog, left(), right({ apiKey: 'plain', token: SECRET_UNKNOWN, region: 'eu' }));
      expect(diff.entries).toEqual([]);
      expect(diff.totals.destination).toEqual(same(1));
    });

    it('secrets that differ are listed as not comparable beside the real changes', () => {
      const diff = crossWorkspaceDiff(catalog, left(), right({ apiKey: 'plain', token: SECRET_UNKNOWN, region: 'us' }, false));
      const [entry] = diff.entries;
      expect(entry!.status).toBe('changed');
      expect(entry!.ops).toEqual(
        expect.arrayContaining([
          { op: 'replace', path: '/enabled', value: false },
          { op: 'replace', path: '/settings/region', value: 'us' },
        ]),
      );
      expect(entry!.ops).toHaveLength(2);
      expect(entry!.notComparable).toEqual(['settings.apiKey', 'settings.token']);
      expect(entry!.summary).not.toContain('apiKey');
      expect(entry!.summary).not.toContain('plain');
    });

    it('a secret present on one side only is not comparable either, whichever side has it', () => {
      const removed = crossWorkspaceDiff(catalog, left(), right({ token: SECRET_UNKNOWN, region: 'us' })).entries[0]!;
      expect(removed.ops).toEqual([{ op: 'replace', path: '/settings/region', value: 'us' }]);
      expect(removed.notComparable).toEqual(['settings.apiKey', 'settings.token']);

      const plain = workspace('staging', [
        r('destination', 'd1', { metadataId: 'm', name: 'D', enabled: true, settings: { region: 'eu' } }),
      ]);
      const added = crossWorkspaceDiff(catalog, plain, right({ apiKey: SECRET_UNKNOWN, region: 'us' })).entries[0]!;
      expect(added.ops).toEqual([{ op: 'replace', path: '/settings/region', value: 'us' }]);
      expect(added.notComparable).toEqual(['settings.apiKey']);
    });

    it('a difference only in secrets counts the resource as the same', () => {
      const diff = crossWorkspaceDiff(catalog, left(), right({ region: 'eu' }));
      expect(diff).toEqual({ entries: [], totals: { destination: same(1) } });
    });

    it('secrets equal on both sides are still listed as not comparable on a changed resource', () => {
      const entry = crossWorkspaceDiff(catalog, left(), right({ apiKey: SECRET_UNKNOWN, token: SECRET_UNKNOWN, region: 'eu' }, false))
        .entries[0]!;
      expect(entry.ops).toEqual([{ op: 'replace', path: '/enabled', value: false }]);
      expect(entry.notComparable).toEqual(['settings.apiKey', 'settings.token']);
    });

    it('values that merely contain bullets are compared like any other (they are not markers)', () => {
      const entry = crossWorkspaceDiff(catalog, left(), right({ apiKey: SECRET_UNKNOWN, token: SECRET_UNKNOWN, region: '••••' }))
        .entries[0]!;
      expect(entry.ops).toEqual([{ op: 'replace', path: '/settings/region', value: '••••' }]);
    });
  });

  describe('limited to some kinds', () => {
    it('compares only the kinds asked for', () => {
      const left = workspace(
        'staging',
        edit(staging(), 'src_ios_s', (b) => ({ ...b, name: 'iOS app' })),
      );
      const right = workspace(
        'production',
        edit(production(), 'f_p', (b) => ({ ...b, enabled: false })),
      );
      const diff = crossWorkspaceDiff(catalog, left, right, { kinds: new Set(['filter']) });
      expect(Object.keys(diff.totals)).toEqual(['filter']);
      expect(diff.entries.map((e) => [e.kind, e.status])).toEqual([['filter', 'changed']]);
    });

    it('still resolves references to kinds that are not compared', () => {
      // only destinations compared: their sourceIds differ, but point to sources with the same slug
      const diff = crossWorkspaceDiff(catalog, workspace('staging', staging()), workspace('production', production()), {
        kinds: new Set(['destination']),
      });
      expect(diff).toEqual({ entries: [], totals: { destination: same(2) } });
    });

    it('compares nothing for an empty set of kinds', () => {
      expect(crossWorkspaceDiff(catalog, workspace('staging', staging()), workspace('production', []), { kinds: new Set() })).toEqual({
        entries: [],
        totals: {},
      });
    });
  });

  it('orders entries by kind name, then natural key', () => {
    const left = workspace('staging', [
      r('source', 's-z', { slug: 'zeta', name: 'Z', settings: {} }),
      r('source', 's-a', { slug: 'alpha', name: 'A', settings: {} }),
      r('role', 'r', { name: 'Viewer' }),
    ]);
    const diff = crossWorkspaceDiff(catalog, left, workspace('production', []));
    expect(diff.entries.map((e) => `${e.kind}:${e.naturalKey}`)).toEqual(['role:Viewer', 'source:alpha', 'source:zeta']);
  });

  it('names a resource by its natural key when its display name is empty', () => {
    const left = workspace('staging', [r('source', 's1', { slug: 'nameless', settings: {} })]);
    expect(crossWorkspaceDiff(catalog, left, workspace('production', [])).entries[0]!.summary).toBe(
      "source 'nameless' only in the left workspace",
    );
  });

  it('names a resource from the left side when both sides have it', () => {
    const left = workspace('staging', [r('source', 's1', { slug: 'web', name: 'Left name', settings: {} })]);
    const right = workspace('production', [r('source', 's2', { slug: 'web', name: 'Right name', settings: {} })]);
    expect(crossWorkspaceDiff(catalog, left, right).entries[0]!.summary).toBe(`source 'Left name': name "Left name"→"Right name"`);
  });
});
