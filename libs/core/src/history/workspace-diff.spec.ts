import { KindCatalog, KindDefinition } from '../kinds';
import { contentHash, JsonObject } from '../json';
import { jsonPatch } from './json-patch';
import { diffStates as diffWithBodies, hashesToCompare } from './workspace-diff';
import { ResourceEntry } from '../resources';

type VersionedResource = ResourceEntry & { body: JsonObject };

/** diffStates over resources that carry their bodies; reading a body it need not read fails. */
function diffStates(c: KindCatalog, before: VersionedResource[], after: VersionedResource[]) {
  const bodies = new Map([...before, ...after].map((r) => [r.hash, r.body]));
  const needed = new Set(hashesToCompare(before, after));
  return diffWithBodies(c, before, after, (hash) => {
    if (!needed.has(hash)) throw new Error(`read the body ${hash}, which hashesToCompare did not ask for`);
    return bodies.get(hash)!;
  });
}

const kind = (name: string, label: string, displayName: (body: JsonObject) => string): KindDefinition => ({
  kind: name,
  label,
  list: { path: `/${name}s`, itemsKey: `${name}s`, paginated: true },
  normalize: (raw) => raw,
  id: (raw) => String(raw.id),
  naturalKey: (body) => String(body.slug ?? body.name),
  displayName,
  references: () => [],
  createOnly: [],
  updateOnly: [],
  identity: [],
  secrets: [],
});

const catalog = new KindCatalog([
  kind('source', 'source', (body) => String(body.name ?? '')),
  kind('destination', 'destination', (body) => String(body.name ?? '')),
]);

const resource = (kindName: string, id: string, body: JsonObject, naturalKey = `${kindName}-${id}`): VersionedResource => ({
  kind: kindName,
  id,
  naturalKey,
  hash: contentHash(body),
  body,
});

describe('hashesToCompare', () => {
  const a = { kind: 'source', id: 's1', naturalKey: 'web', hash: 'h1' };
  const b = { kind: 'source', id: 's2', naturalKey: 'ios', hash: 'h2' };
  it('asks only for the bodies of created, deleted and changed resources', () => {
    expect(hashesToCompare([a, b], [a, b])).toEqual([]);
    expect(hashesToCompare([a], [a, b])).toEqual(['h2']);
    expect(hashesToCompare([a, b], [a])).toEqual(['h2']);
    expect(hashesToCompare([a, b], [a, { ...b, hash: 'h3' }]).sort()).toEqual(['h2', 'h3']);
  });
});

describe('diffStates', () => {
  const web = resource('source', 's1', { name: 'Web', enabled: true }, 'web');
  const amplitude = resource(
    'destination',
    'd1',
    { name: 'Amplitude', enabled: true, settings: { region: 'eu' } },
    'web / amplitude / Amplitude',
  );

  it('finds nothing between identical states', () => {
    expect(diffStates(catalog, [web, amplitude], [amplitude, web])).toEqual({ entries: [], totals: {} });
    expect(diffStates(catalog, [], [])).toEqual({ entries: [], totals: {} });
  });

  it('reports a resource only in the new state as created, without operations', () => {
    const { entries, totals } = diffStates(catalog, [web], [web, amplitude]);
    expect(entries).toEqual([
      {
        kind: 'destination',
        id: 'd1',
        naturalKey: 'web / amplitude / Amplitude',
        status: 'created',
        ops: [],
        summary: "destination 'Amplitude' created",
      },
    ]);
    expect(totals).toEqual({ destination: { created: 1, deleted: 0, changed: 0 } });
  });

  it('reports a resource only in the old state as deleted, named from its old body', () => {
    const { entries, totals } = diffStates(catalog, [web, amplitude], [web]);
    expect(entries).toEqual([
      {
        kind: 'destination',
        id: 'd1',
        naturalKey: 'web / amplitude / Amplitude',
        status: 'deleted',
        ops: [],
        summary: "destination 'Amplitude' deleted",
      },
    ]);
    expect(totals).toEqual({ destination: { created: 0, deleted: 1, changed: 0 } });
  });

  it('reports a different hash as changed, with the patch from the old body to the new', () => {
    const changed = resource('destination', 'd1', { name: 'Amplitude', enabled: false, settings: { region: 'us' } }, amplitude.naturalKey);
    const { entries, totals } = diffStates(catalog, [amplitude], [changed]);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'destination', id: 'd1', status: 'changed' });
    expect(entries[0]!.ops).toEqual(jsonPatch(amplitude.body, changed.body));
    expect(entries[0]!.ops).toEqual(
      expect.arrayContaining([
        { op: 'replace', path: '/enabled', value: false },
        { op: 'replace', path: '/settings/region', value: 'us' },
      ]),
    );
    expect(entries[0]!.summary).toMatch(/^destination 'Amplitude': /);
    expect(entries[0]!.summary).toContain('enabled true→false');
    expect(entries[0]!.summary).toContain('settings.region "eu"→"us"');
    expect(totals).toEqual({ destination: { created: 0, deleted: 0, changed: 1 } });
  });

  it('trusts the hash: equal hashes are unchanged even if the bodies were to differ', () => {
    const sameHash = { ...web, body: { name: 'Web', enabled: false } };
    expect(diffStates(catalog, [web], [sameHash]).entries).toEqual([]);
  });

  it('matches resources by kind and id, not by natural key', () => {
    const renamed = resource('source', 's1', { name: 'Web 2', enabled: true }, 'web-2');
    const { entries } = diffStates(catalog, [web], [renamed]);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      id: 's1',
      status: 'changed',
      naturalKey: 'web-2',
      ops: [{ op: 'replace', path: '/name', value: 'Web 2' }],
    });

    const recreated = resource('source', 's9', web.body, 'web');
    expect(diffStates(catalog, [web], [recreated]).entries.map((e) => [e.id, e.status])).toEqual([
      ['s1', 'deleted'],
      ['s9', 'created'],
    ]);
  });

  it('keeps the same id in two kinds apart', () => {
    const sourceX = resource('source', 'x', { name: 'S' });
    const destinationX = resource('destination', 'x', { name: 'D' });
    const { entries, totals } = diffStates(catalog, [sourceX], [destinationX]);
    expect(entries.map((e) => [e.kind, e.id, e.status])).toEqual([
      ['destination', 'x', 'created'],
      ['source', 'x', 'deleted'],
    ]);
    expect(totals).toEqual({ destination: { created: 1, deleted: 0, changed: 0 }, source: { created: 0, deleted: 1, changed: 0 } });
  });

  it('names a changed resource by its new display name', () => {
    const renamed = resource('source', 's1', { name: 'Website', enabled: true }, 'web');
    expect(diffStates(catalog, [web], [renamed]).entries[0]!.summary).toBe(`source 'Website': name "Web"→"Website"`);
  });

  it('falls back to the natural key when the display name is empty', () => {
    const unnamed = resource('destination', 'd2', { enabled: true }, 'web / webhook / ');
    expect(diffStates(catalog, [], [unnamed]).entries[0]!.summary).toBe("destination 'web / webhook / ' created");
  });

  it('labels kinds the catalog does not know by their kind and natural key', () => {
    const legacy = resource('legacy-thing', 'l1', { name: 'ignored' }, 'legacy key');
    const { entries, totals } = diffStates(catalog, [legacy], []);
    expect(entries[0]!.summary).toBe("legacy-thing 'legacy key' deleted");
    expect(totals).toEqual({ 'legacy-thing': { created: 0, deleted: 1, changed: 0 } });
  });

  it('orders entries by kind then id, whatever the input order', () => {
    const before = [resource('source', 'b', { name: 'B' }), resource('source', 'a', { name: 'A' })];
    const after = [
      resource('source', 'c', { name: 'C' }),
      resource('destination', 'z', { name: 'Z' }),
      resource('source', 'a', { name: 'A2' }),
      resource('destination', 'y', { name: 'Y' }),
    ];
    const { entries, totals } = diffStates(catalog, before, after);
    expect(entries.map((e) => `${e.kind}/${e.id}:${e.status}`)).toEqual([
      'destination/y:created',
      'destination/z:created',
      'source/a:changed',
      'source/b:deleted',
      'source/c:created',
    ]);
    expect(totals).toEqual({
      destination: { created: 2, deleted: 0, changed: 0 },
      source: { created: 1, deleted: 1, changed: 1 },
    });
    expect(diffStates(catalog, [...before].reverse(), [...after].reverse())).toEqual({ entries, totals });
  });

  it('has no totals for kinds without differences', () => {
    const changed = resource('source', 's1', { name: 'Web', enabled: false }, 'web');
    expect(Object.keys(diffStates(catalog, [web, amplitude], [changed, amplitude]).totals)).toEqual(['source']);
  });
});
