import { contentHash, sha256Hex } from '../json';
import { Resource, ResourceEntry } from '../resources';
import { detectChanges, manifestRoot } from './changes';

const observed = (kind: string, id: string, body: Record<string, unknown>, naturalKey = `${kind}-${id}`): Resource => ({
  kind,
  id,
  body: body as Resource['body'],
  hash: contentHash(body),
  naturalKey,
  displayName: id,
});

const head = (resource: Resource, overrides: Partial<ResourceEntry> = {}): ResourceEntry => ({
  kind: resource.kind,
  id: resource.id,
  hash: resource.hash,
  naturalKey: resource.naturalKey,
  ...overrides,
});

const ALL = new Set(['source', 'destination', 'label']);

describe('detectChanges', () => {
  const source = observed('source', 's1', { slug: 'web', enabled: true });
  const destination = observed('destination', 'd1', { sourceId: 's1', metadataId: 'm1' }, 'web / m1 / ');

  it('everything is created when there are no heads', () => {
    const result = detectChanges([source, destination], [], ALL);
    expect(result.unchanged).toBe(0);
    expect(result.renamedKeys).toEqual([]);
    expect(result.changes).toEqual([
      { type: 'ResourceCreated', kind: 'source', resourceId: 's1', naturalKey: 'source-s1', blobHash: source.hash },
      { type: 'ResourceCreated', kind: 'destination', resourceId: 'd1', naturalKey: 'web / m1 / ', blobHash: destination.hash },
    ]);
  });

  it('identical content is unchanged and yields no change', () => {
    const result = detectChanges([source, destination], [head(source), head(destination)], ALL);
    expect(result).toEqual({ changes: [], unchanged: 2, renamedKeys: [] });
  });

  it('a different hash is an update carrying the previous hash', () => {
    const changed = observed('source', 's1', { slug: 'web', enabled: false });
    const result = detectChanges([changed], [head(source)], ALL);
    expect(result.unchanged).toBe(0);
    expect(result.changes).toEqual([
      {
        type: 'ResourceUpdated',
        kind: 'source',
        resourceId: 's1',
        naturalKey: 'source-s1',
        blobHash: changed.hash,
        previousHash: source.hash,
      },
    ]);
  });

  it('an update records the new natural key, not as a rename', () => {
    const changed = observed('source', 's1', { slug: 'web-2' }, 'web-2');
    const result = detectChanges([changed], [head(source)], ALL);
    expect(result.changes[0]).toMatchObject({ type: 'ResourceUpdated', naturalKey: 'web-2' });
    expect(result.renamedKeys).toEqual([]);
  });

  it('a head that was not observed is deleted when its kind was read', () => {
    const result = detectChanges([source], [head(source), head(destination)], ALL);
    expect(result.unchanged).toBe(1);
    expect(result.changes).toEqual([
      { type: 'ResourceDeleted', kind: 'destination', resourceId: 'd1', naturalKey: 'web / m1 / ', previousHash: destination.hash },
    ]);
    expect('blobHash' in result.changes[0]!).toBe(false);
  });

  it('never deletes heads of kinds that were not read completely', () => {
    const label = observed('label', 'env:prod', { key: 'env', value: 'prod' });
    const result = detectChanges([], [head(source), head(destination), head(label)], new Set(['label']));
    expect(result.changes.map((c) => [c.type, c.kind])).toEqual([['ResourceDeleted', 'label']]);
    expect(detectChanges([], [head(source)], new Set()).changes).toEqual([]);
  });

  it('an unchanged body whose natural key moved is reported as renamed, not updated', () => {
    const renamed = { ...destination, naturalKey: 'web-2 / m1 / ' };
    const result = detectChanges([renamed], [head(destination)], ALL);
    expect(result.changes).toEqual([]);
    expect(result.unchanged).toBe(1);
    expect(result.renamedKeys).toEqual([
      { type: 'NaturalKeyChanged', kind: 'destination', resourceId: 'd1', naturalKey: 'web-2 / m1 / ', blobHash: destination.hash },
    ]);
  });

  it('the same id under two kinds is two resources', () => {
    const a = observed('source', 'x', { a: 1 });
    const b = observed('destination', 'x', { b: 1 });
    const result = detectChanges([a, b], [head(a)], ALL);
    expect(result.unchanged).toBe(1);
    expect(result.changes).toEqual([expect.objectContaining({ type: 'ResourceCreated', kind: 'destination', resourceId: 'x' })]);
  });

  it('throws when one resource is observed twice', () => {
    const twice = observed('source', 's1', { slug: 'other' });
    expect(() => detectChanges([source, twice], [], ALL)).toThrow("source 's1' was observed twice in one snapshot");
  });

  it('mixes created, updated, deleted and unchanged in one pass', () => {
    const s2 = observed('source', 's2', { slug: 'ios' });
    const s3 = observed('source', 's3', { slug: 'android' });
    const s1v2 = observed('source', 's1', { slug: 'web', enabled: false });
    const result = detectChanges([s1v2, s2, destination], [head(source), head(destination), head(s3)], ALL);
    expect(result.unchanged).toBe(1);
    expect(result.changes.map((c) => `${c.type}:${c.resourceId}`).sort()).toEqual([
      'ResourceCreated:s2',
      'ResourceDeleted:s3',
      'ResourceUpdated:s1',
    ]);
  });
});

describe('manifestRoot', () => {
  const entries = [
    { kind: 'source', id: 's1', hash: 'h1' },
    { kind: 'destination', id: 'd1', hash: 'h2' },
    { kind: 'label', id: 'env:prod', hash: 'h3' },
  ];

  it('does not depend on the order of entries', () => {
    expect(manifestRoot([...entries].reverse())).toBe(manifestRoot(entries));
    expect(manifestRoot(new Set([entries[1]!, entries[2]!, entries[0]!]))).toBe(manifestRoot(entries));
  });

  it('changes when a hash, an id or a kind changes, or an entry is added or removed', () => {
    const root = manifestRoot(entries);
    expect(manifestRoot([{ ...entries[0]!, hash: 'hX' }, entries[1]!, entries[2]!])).not.toBe(root);
    expect(manifestRoot([{ ...entries[0]!, id: 's9' }, entries[1]!, entries[2]!])).not.toBe(root);
    expect(manifestRoot([{ ...entries[0]!, kind: 'warehouse' }, entries[1]!, entries[2]!])).not.toBe(root);
    expect(manifestRoot(entries.slice(1))).not.toBe(root);
    expect(manifestRoot([...entries, { kind: 'role', id: 'r', hash: 'h4' }])).not.toBe(root);
  });

  it('is the hash of sorted tab-separated lines (empty state included)', () => {
    expect(manifestRoot([])).toBe(sha256Hex(''));
    expect(manifestRoot([entries[1]!, entries[0]!])).toBe(sha256Hex('destination\td1\th2\nsource\ts1\th1'));
  });
});
