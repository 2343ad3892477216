// The real Segment catalog drives these tests: observeResources is generic, the rules it applies
// (natural keys through references, defaults skipped, secrets masked) come from the catalog.
import { SEGMENT_CATALOG } from '.';
import { DEFAULT_SCHEMA_SETTINGS as DEFAULT_SCHEMA } from './sources.kinds';
import { contentHash, JsonObject, KindCatalog, KindDefinition, KindName, NaturalKeyResolver, observeResources, RawItem } from '@app/core';
import { MASK } from '../../../test/support/kind-fixtures';

const sourceRaw = (id: string, slug: string): JsonObject => ({
  id,
  slug,
  name: slug.toUpperCase(),
  metadata: { id: 'IqDTy1TpoU', name: 'Javascript', slug: 'javascript', options: [] },
  workspaceId: 'ws1',
  enabled: true,
  writeKeys: ['k'.repeat(32)],
  settings: {},
  labels: [],
});

const destinationRaw = (id: string, sourceId: string, metadataId: string, name?: string): JsonObject => ({
  id,
  ...(name ? { name } : {}),
  enabled: true,
  metadata: { id: metadataId, name: 'Catalog entry', slug: 'entry', options: [], actions: [] },
  sourceId,
  settings: { apiKey: MASK, region: 'eu' },
});

const functionRaw: JsonObject = {
  id: 'dfn_4bCdEfGh',
  resourceType: 'DESTINATION',
  createdAt: '2024-01-01T00:00:00Z',
  createdBy: 'someone',
  displayName: 'Enricher (staging)',
  description: '',
  logoUrl: '',
  catalogId: '4bCdEfGh',
  code: 'async function onTrack(event) {}',
  deployedAt: null,
  settings: [],
  previewWebhookUrl: '',
  batchMaxCount: 0,
  isLatestVersion: true,
};

function items(entries: Array<[KindName, RawItem[]]>): Map<KindName, RawItem[]> {
  return new Map(entries);
}

describe('observeResources with the Segment catalog', () => {
  const web = sourceRaw('src_web', 'web');
  const ios = sourceRaw('src_ios', 'ios');
  const read = items([
    // Listed out of catalog order on purpose: the result follows the catalog.
    [
      'destination',
      [
        { raw: destinationRaw('d_amp', 'src_web', 'amplitude-meta', 'Amplitude (web)') },
        { raw: destinationRaw('d_fn', 'src_web', '4bCdEfGh', 'My enricher') },
        { raw: destinationRaw('d_orphan', 'src_gone', 'webhook-meta') },
      ],
    ],
    [
      'destination-filter',
      [
        {
          raw: {
            id: 'f1',
            sourceId: 'src_web',
            destinationId: 'd_amp',
            if: 'all',
            actions: [{ type: 'DROP' }],
            title: 'Drop all',
            enabled: true,
            createdAt: 'x',
            updatedAt: 'y',
          },
          parentRaw: destinationRaw('d_amp', 'src_web', 'amplitude-meta', 'Amplitude (web)'),
          parentId: 'd_amp',
        },
      ],
    ],
    ['source', [{ raw: web }, { raw: ios }]],
    [
      'source-schema-settings',
      [
        { raw: { sourceId: 'src_web', settings: DEFAULT_SCHEMA }, parentRaw: web, parentId: 'src_web' },
        {
          raw: { sourceId: 'src_ios', settings: { ...DEFAULT_SCHEMA, forwardingViolationsTo: 'src_web' } },
          parentRaw: ios,
          parentId: 'src_ios',
        },
      ],
    ],
    ['function', [{ raw: functionRaw }]],
    ['workspace', [{ raw: { id: 'ws1', slug: 'staging', name: 'Staging' } }]],
  ]);
  const observed = observeResources(SEGMENT_CATALOG, 'staging', read);
  const find = (kind: string, id: string) => {
    const resource = observed.find((r) => r.kind === kind && r.id === id);
    if (!resource) throw new Error(`no ${kind} ${id}`);
    return resource;
  };

  it('returns resources in catalog order with their hash and display name', () => {
    expect(observed.map((r) => `${r.kind}:${r.id}`)).toEqual([
      'workspace:ws1',
      'function:dfn_4bCdEfGh',
      'source:src_web',
      'source:src_ios',
      'source-schema-settings:src_ios',
      'destination:d_amp',
      'destination:d_fn',
      'destination:d_orphan',
      'destination-filter:f1',
    ]);
    for (const resource of observed) expect(resource.hash).toBe(contentHash(resource.body));
    expect(find('destination', 'd_amp').displayName).toBe('Amplitude (web)');
    expect(find('function', 'dfn_4bCdEfGh').displayName).toBe('Enricher');
  });

  it("a destination's natural key uses its source's slug, its catalog id and its name", () => {
    expect(find('destination', 'd_amp').naturalKey).toBe('web / amplitude-meta / Amplitude (web)');
    expect(find('source', 'src_web').naturalKey).toBe('web');
  });

  it("a destination running a destination function uses the function's natural key", () => {
    expect(find('function', 'dfn_4bCdEfGh').naturalKey).toBe('DESTINATION / Enricher');
    expect(find('destination', 'd_fn').naturalKey).toBe('web / DESTINATION / Enricher / My enricher');
  });

  it('an unresolvable reference appears as ?', () => {
    expect(find('destination', 'd_orphan').naturalKey).toBe('? / webhook-meta / ');
  });

  it('child kinds chain natural keys through their parents', () => {
    expect(find('destination-filter', 'f1').naturalKey).toBe('web / amplitude-meta / Amplitude (web) / Drop all');
  });

  it('skips bodies that only restate defaults (default schema settings)', () => {
    expect(observed.some((r) => r.kind === 'source-schema-settings' && r.id === 'src_web')).toBe(false);
    const kept = find('source-schema-settings', 'src_ios');
    expect(kept.body.forwardingViolationsTo).toBe('src_web');
    expect(kept.naturalKey).toBe('ios / schema-settings');
  });

  it('masked values become the secret marker, other settings stay', () => {
    expect(find('destination', 'd_amp').body.settings).toEqual({ apiKey: { $secret: 'unknown' }, region: 'eu' });
    expect(JSON.stringify(observed)).not.toContain('•');
  });

  it('drops volatile fields of the raw items', () => {
    const source = find('source', 'src_web').body;
    expect(source).not.toHaveProperty('writeKeys');
    expect(source).not.toHaveProperty('id');
    expect(source.metadataId).toBe('IqDTy1TpoU');
    expect(find('destination-filter', 'f1').body).not.toHaveProperty('createdAt');
  });

  it('is deterministic: the same input gives the same output', () => {
    expect(observeResources(SEGMENT_CATALOG, 'staging', read)).toEqual(observed);
  });

  it('a function name is stripped of the suffix of the workspace it was read from only', () => {
    const other = observeResources(SEGMENT_CATALOG, 'production', items([['function', [{ raw: functionRaw }]]]));
    expect(other[0]!.naturalKey).toBe('DESTINATION / Enricher (staging)');
  });

  it('kinds absent from the read contribute nothing', () => {
    expect(observeResources(SEGMENT_CATALOG, 'staging', new Map())).toEqual([]);
  });
});

describe('NaturalKeyResolver', () => {
  const node: KindDefinition = {
    kind: 'node',
    label: 'node',
    list: { path: '/nodes', itemsKey: 'nodes', paginated: true },
    normalize: (raw) => raw,
    id: (raw) => String(raw.id),
    naturalKey: (body, ctx) => `${ctx.ref('node', String(body.next ?? '')) ?? '-'}>${String(body.name)}`,
    displayName: (body) => String(body.name),
    references: () => [],
    createOnly: [],
    updateOnly: [],
    identity: [],
    secrets: [],
  };
  const catalog = new KindCatalog([node]);

  it('follows references and caches keys', () => {
    const spy = jest.spyOn(node, 'naturalKey');
    const resolver = new NaturalKeyResolver(catalog, 'ws', [
      { kind: 'node', id: 'a', body: { name: 'A', next: 'b' } },
      { kind: 'node', id: 'b', body: { name: 'B' } },
    ]);
    expect(resolver.naturalKey('node', 'a')).toBe('->B>A');
    expect(resolver.naturalKey('node', 'a')).toBe('->B>A');
    expect(resolver.naturalKey('node', 'b')).toBe('->B');
    expect(spy).toHaveBeenCalledTimes(2);
    spy.mockRestore();
  });

  it('terminates on reference cycles', () => {
    const resolver = new NaturalKeyResolver(catalog, 'ws', [
      { kind: 'node', id: 'a', body: { name: 'A', next: 'b' } },
      { kind: 'node', id: 'b', body: { name: 'B', next: 'a' } },
    ]);
    expect(resolver.naturalKey('node', 'a')).toBe('node:a>B>A');
  });

  it('throws for a resource it does not hold', () => {
    const resolver = new NaturalKeyResolver(catalog, 'ws', []);
    expect(() => resolver.naturalKey('node', 'zzz')).toThrow("no node 'zzz'");
  });

  it('target() finds by id or by another field of the body', () => {
    const resolver = new NaturalKeyResolver(SEGMENT_CATALOG, 'staging', [
      { kind: 'function', id: 'dfn_X', body: { resourceType: 'DESTINATION', displayName: 'F', catalogId: 'X' } },
    ]);
    expect(resolver.target('function', 'dfn_X')?.id).toBe('dfn_X');
    expect(resolver.target('function', 'X', 'catalogId')?.id).toBe('dfn_X');
    expect(resolver.target('function', 'X')).toBeUndefined();
    expect(resolver.target('function', 'nope', 'catalogId')).toBeUndefined();
  });
});
