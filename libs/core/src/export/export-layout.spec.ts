import { createHash } from 'node:crypto';
import { ExportResource, exportFiles, fileStem, stableJson } from './export-layout';

const idSuffix = (id: string) => createHash('sha256').update(id).digest('hex').slice(0, 8);

describe('fileStem', () => {
  it('joins the parts of a natural key with a double underscore that no part produces', () => {
    expect(fileStem('web / amplitude-meta / Amplitude (web)')).toBe('web__amplitude-meta__Amplitude (web)');
    expect(fileStem('a_b / c')).toBe('a_b__c');
    expect(fileStem('a / b / c')).toBe('a__b__c');
    expect(fileStem('a_b / c')).not.toBe(fileStem('a / b_c'));
  });

  it('keeps readable natural keys as they are', () => {
    expect(fileStem('web')).toBe('web');
    expect(fileStem('Amplitude (web)')).toBe('Amplitude (web)');
    expect(fileStem('user@example.com')).toBe('user@example.com');
    expect(fileStem('a+b,c=d-e.f')).toBe('a+b,c=d-e.f');
  });

  it('turns the separator of natural key parts into underscores, keeping the parts in order', () => {
    expect(fileStem('web / amplitude-meta / Amplitude (web)')).toMatch(/^web_+amplitude-meta_+Amplitude \(web\)$/);
  });

  it('replaces every run of characters that are not portable by a single underscore', () => {
    expect(fileStem('env:prod')).toBe('env_prod');
    expect(fileStem('a/b\\c')).toBe('a_b_c');
    expect(fileStem('what?*<>|"x')).toBe('what_x');
    expect(fileStem('tab\there')).toBe('tab_here');
    expect(fileStem('crème brûlée')).toBe('cr_me br_l_e');
    expect(fileStem('a__b')).toBe('a_b');
  });

  it('never yields a path separator or a leading dot (no traversal, no hidden files)', () => {
    for (const key of ['../../etc/passwd', '/absolute', '.hidden', '..', 'a/../b', '~/home']) {
      const stem = fileStem(key);
      expect(stem).not.toContain('/');
      expect(stem).not.toContain('\\');
      expect(stem.startsWith('.')).toBe(false);
    }
    expect(fileStem('../../etc/passwd')).toBe('etc_passwd');
    expect(fileStem('.hidden')).toBe('hidden');
  });

  it('trims dots, underscores and spaces at both ends', () => {
    expect(fileStem('  name  ')).toBe('name');
    expect(fileStem('_name_')).toBe('name');
    expect(fileStem('name.')).toBe('name');
    expect(fileStem(':name:')).toBe('name');
  });

  it('is "unnamed" when nothing usable is left', () => {
    expect(fileStem('')).toBe('unnamed');
    expect(fileStem('..')).toBe('unnamed');
    expect(fileStem('???')).toBe('unnamed');
    expect(fileStem(' _ . ')).toBe('unnamed');
  });

  it('is at most 120 characters', () => {
    expect(fileStem('x'.repeat(300))).toBe('x'.repeat(120));
    expect(fileStem('y'.repeat(120))).toHaveLength(120);
    expect(fileStem(`${'a:'.repeat(100)}`).length).toBeLessThanOrEqual(120);
  });
});

describe('stableJson', () => {
  it('sorts keys at every depth and indents by two spaces, ending with a newline', () => {
    expect(stableJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(
      '{\n  "a": {\n    "c": null,\n    "d": [\n      2,\n      1\n    ]\n  },\n  "b": 1\n}\n',
    );
  });

  it('gives the same text for the same content in any key order', () => {
    expect(stableJson({ z: { y: 1, x: 2 }, a: [{ q: 1, p: 2 }] })).toBe(stableJson({ a: [{ p: 2, q: 1 }], z: { x: 2, y: 1 } }));
  });

  it('keeps array order and unicode text', () => {
    expect(JSON.parse(stableJson({ list: [3, 1, 2], s: '••• é' }))).toEqual({ list: [3, 1, 2], s: '••• é' });
  });

  it('drops undefined members and refuses values that are not JSON', () => {
    expect(stableJson({ a: undefined, b: 1 })).toBe('{\n  "b": 1\n}\n');
    expect(() => stableJson(undefined)).toThrow(TypeError);
  });

  it('serializes scalars', () => {
    expect(stableJson('x')).toBe('"x"\n');
    expect(stableJson(null)).toBe('null\n');
  });
});

describe('exportFiles', () => {
  const resources: ExportResource[] = [
    { kind: 'source', id: 'src_2', naturalKey: 'web', body: { slug: 'web', name: 'Web' } },
    { kind: 'destination', id: 'd_1', naturalKey: 'web / amplitude-meta / Amplitude', body: { enabled: true, settings: { region: 'eu' } } },
    { kind: 'label', id: 'env:prod', naturalKey: 'env:prod', body: { key: 'env', value: 'prod' } },
    { kind: 'source', id: 'src_1', naturalKey: 'android', body: { slug: 'android' } },
  ];
  const manifest = { workspace: 'staging', version: 12 };

  it('writes the manifest first, then one file per resource under a folder per kind, sorted', () => {
    const files = exportFiles(resources, manifest);
    expect(files.map((f) => f.path)).toEqual([
      'manifest.json',
      `destination/${fileStem('web / amplitude-meta / Amplitude')}.json`,
      'label/env_prod.json',
      'source/android.json',
      'source/web.json',
    ]);
  });

  it('writes the manifest and each resource (kind, id, natural key, body) as stable JSON', () => {
    const files = exportFiles(resources, manifest);
    expect(files[0]).toEqual({ path: 'manifest.json', content: stableJson(manifest) });
    expect(files.find((f) => f.path === 'source/web.json')!.content).toBe(
      stableJson({ kind: 'source', id: 'src_2', naturalKey: 'web', body: { slug: 'web', name: 'Web' } }),
    );
    expect(JSON.parse(files.find((f) => f.path === 'label/env_prod.json')!.content)).toEqual({
      body: { key: 'env', value: 'prod' },
      id: 'env:prod',
      kind: 'label',
      naturalKey: 'env:prod',
    });
  });

  it('is deterministic: the same state in any order gives the same files, byte for byte', () => {
    const files = exportFiles(resources, manifest);
    expect(exportFiles([...resources].reverse(), manifest)).toEqual(files);
    const shuffled = [resources[2]!, resources[0]!, resources[3]!, resources[1]!];
    expect(exportFiles(shuffled, { version: 12, workspace: 'staging' })).toEqual(files);
  });

  it('adds a short hash of the id when two natural keys make the same file name', () => {
    const clashing: ExportResource[] = [
      { kind: 'source', id: 'id-b', naturalKey: 'web', body: { n: 2 } },
      { kind: 'source', id: 'id-a', naturalKey: 'web', body: { n: 1 } },
    ];
    const files = exportFiles(clashing, {});
    expect(files.map((f) => f.path)).toEqual(['manifest.json', 'source/web.json', `source/web~${idSuffix('id-b')}.json`]);
    expect(JSON.parse(files[1]!.content).id).toBe('id-a');
    expect(JSON.parse(files[2]!.content).id).toBe('id-b');
    expect(idSuffix('id-b')).toMatch(/^[0-9a-f]{8}$/);
  });

  it('the suffix belongs to the same resource whatever the input order', () => {
    const a: ExportResource = { kind: 'label', id: 'x:1', naturalKey: 'x:1', body: {} };
    const b: ExportResource = { kind: 'label', id: 'x/1', naturalKey: 'x/1', body: {} };
    const forward = exportFiles([a, b], {});
    expect(exportFiles([b, a], {})).toEqual(forward);
    const paths = forward.slice(1).map((f) => f.path);
    expect(paths).toHaveLength(2);
    expect(new Set(paths).size).toBe(2);
    expect(paths.filter((p) => p === 'label/x_1.json')).toHaveLength(1);
  });

  it('treats names differing only in case as a collision (case-insensitive file systems)', () => {
    const files = exportFiles(
      [
        { kind: 'source', id: 's1', naturalKey: 'Web', body: {} },
        { kind: 'source', id: 's2', naturalKey: 'web', body: {} },
      ],
      {},
    );
    const paths = files.slice(1).map((f) => f.path.toLowerCase());
    expect(new Set(paths).size).toBe(2);
    expect(paths.filter((p) => p.includes('~'))).toHaveLength(1);
  });

  it('gives every resource its own file when several share a name', () => {
    const many: ExportResource[] = ['a', 'b', 'c'].map((id) => ({ kind: 'destination', id, naturalKey: '?', body: {} }));
    const paths = exportFiles(many, {}).map((f) => f.path);
    expect(paths).toEqual([
      'manifest.json',
      'destination/unnamed.json',
      `destination/unnamed~${idSuffix('b')}.json`,
      `destination/unnamed~${idSuffix('c')}.json`,
    ]);
  });

  it('does not count the same name in different kinds as a collision', () => {
    const paths = exportFiles(
      [
        { kind: 'source', id: '1', naturalKey: 'web', body: {} },
        { kind: 'warehouse', id: '2', naturalKey: 'web', body: {} },
      ],
      {},
    ).map((f) => f.path);
    expect(paths).toEqual(['manifest.json', 'source/web.json', 'warehouse/web.json']);
  });

  it('uses the given serializer and extension for every file', () => {
    const serialize = jest.fn((value: unknown) => `yaml:${JSON.stringify(value)}`);
    const files = exportFiles([resources[0]!], manifest, serialize, 'yaml');
    expect(files).toEqual([
      { path: 'manifest.yaml', content: `yaml:${JSON.stringify(manifest)}` },
      {
        path: 'source/web.yaml',
        content: `yaml:${JSON.stringify({ kind: 'source', id: 'src_2', naturalKey: 'web', body: { slug: 'web', name: 'Web' } })}`,
      },
    ]);
    expect(serialize).toHaveBeenCalledTimes(2);
  });

  it('exports only a manifest when there are no resources', () => {
    expect(exportFiles([], { empty: true })).toEqual([{ path: 'manifest.json', content: '{\n  "empty": true\n}\n' }]);
  });

  it('does not reorder the array it is given', () => {
    const input = [...resources];
    exportFiles(input, manifest);
    expect(input).toEqual(resources);
  });
});
