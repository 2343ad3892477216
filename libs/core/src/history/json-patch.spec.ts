import { applyJsonPatch, jsonPatch, PatchOperation } from './json-patch';

describe('jsonPatch', () => {
  it('is empty for equal values, whatever the key order', () => {
    expect(jsonPatch({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
    expect(jsonPatch([], [])).toEqual([]);
    expect(jsonPatch('x', 'x')).toEqual([]);
  });

  it('describes added, removed and replaced members with JSON Pointers to them', () => {
    const ops = jsonPatch({ enabled: true, name: 'web', old: 1 }, { enabled: false, name: 'web', added: null });
    expect(ops).toHaveLength(3);
    expect(ops).toEqual(
      expect.arrayContaining([
        { op: 'remove', path: '/old' },
        { op: 'add', path: '/added', value: null },
        { op: 'replace', path: '/enabled', value: false },
      ]),
    );
  });

  it('descends into nested objects and arrays instead of replacing them whole', () => {
    expect(jsonPatch({ settings: { region: 'eu', apiKey: 'k' } }, { settings: { region: 'us', apiKey: 'k' } })).toEqual([
      { op: 'replace', path: '/settings/region', value: 'us' },
    ]);
    expect(jsonPatch({ actions: [{ type: 'DROP' }] }, { actions: [{ type: 'ALLOW' }] })).toEqual([
      { op: 'replace', path: '/actions/0/type', value: 'ALLOW' },
    ]);
  });

  it('removes a single array element rather than rewriting the array (LCS)', () => {
    expect(jsonPatch({ list: [1, 2, 3, 4, 5] }, { list: [2, 3, 4, 5] })).toEqual([{ op: 'remove', path: '/list/0' }]);
  });

  it('replaces a member whose type changes', () => {
    expect(jsonPatch({ a: { x: 1 } }, { a: 'text' })).toEqual([{ op: 'replace', path: '/a', value: 'text' }]);
  });

  it('escapes ~ and / in member names (RFC 6901)', () => {
    const ops = jsonPatch({}, { 'a/b': 1, 'm~n': 2 });
    expect(ops.map((op) => op.path).sort()).toEqual(['/a~1b', '/m~0n']);
  });

  it('does not modify its inputs', () => {
    const before = { a: 1, list: [1, 2] };
    const after = { a: 2, list: [2] };
    jsonPatch(before, after);
    expect(before).toEqual({ a: 1, list: [1, 2] });
    expect(after).toEqual({ a: 2, list: [2] });
  });
});

describe('applyJsonPatch', () => {
  const cases: Array<[string, unknown, unknown]> = [
    ['scalar changes', { enabled: true, name: 'web' }, { enabled: false, name: 'ios' }],
    ['added and removed members', { a: 1, b: 2 }, { b: 2, c: { d: [1] } }],
    [
      'nested settings',
      { settings: { region: 'eu', nested: { x: 1, y: [1, 2] } } },
      { settings: { region: 'us', nested: { y: [2, 3], z: null } } },
    ],
    ['array insertions and deletions', { list: [1, 2, 3, 4, 5] }, { list: [0, 2, 4, 5, 6, 7] }],
    ['arrays of objects', { actions: [{ type: 'DROP' }, { type: 'SAMPLE', percent: 10 }] }, { actions: [{ type: 'SAMPLE', percent: 20 }] }],
    ['emptied containers', { list: [1, 2], map: { a: 1 } }, { list: [], map: {} }],
    ['awkward member names', { 'a/b': 1, 'm~n': 2 }, { 'a/b': 3, '~1': 4 }],
  ];

  it.each(cases)('turns before into after with the operations jsonPatch computed (%s)', (_name, before, after) => {
    expect(applyJsonPatch(before, jsonPatch(before, after))).toEqual(after);
  });

  it('returns a new value and leaves the input untouched', () => {
    const before = { settings: { region: 'eu' }, list: [1, 2] };
    const result = applyJsonPatch(before, [
      { op: 'replace', path: '/settings/region', value: 'us' },
      { op: 'add', path: '/list/-', value: 3 },
    ]);
    expect(result).toEqual({ settings: { region: 'us' }, list: [1, 2, 3] });
    expect(result).not.toBe(before);
    expect(before).toEqual({ settings: { region: 'eu' }, list: [1, 2] });
  });

  it('does not share the inserted values with the operations', () => {
    const value = { x: [1] };
    const operations: PatchOperation[] = [{ op: 'add', path: '/nested', value }];
    const result = applyJsonPatch<Record<string, unknown>>({}, operations);
    value.x.push(2);
    expect(result).toEqual({ nested: { x: [1] } });
  });

  it('applies no operations as a plain copy', () => {
    const before = { a: { b: 1 } };
    const result = applyJsonPatch(before, []);
    expect(result).toEqual(before);
    expect(result).not.toBe(before);
    expect(result.a).not.toBe(before.a);
  });

  it('throws when removing or replacing a member that does not exist', () => {
    expect(() => applyJsonPatch({ a: 1 }, [{ op: 'remove', path: '/missing' }])).toThrow(
      'patch does not apply: Value required at path: /missing',
    );
    expect(() => applyJsonPatch({ a: 1 }, [{ op: 'replace', path: '/b', value: 2 }])).toThrow(/^patch does not apply: /);
  });

  it('throws when adding under a parent that does not exist', () => {
    expect(() => applyJsonPatch({}, [{ op: 'add', path: '/x/y', value: 1 }])).toThrow(/patch does not apply/);
  });

  it('throws when a test operation fails, and honours one that passes', () => {
    expect(() => applyJsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }])).toThrow(/patch does not apply: Test failed/);
    expect(
      applyJsonPatch({ a: 1 }, [
        { op: 'test', path: '/a', value: 1 },
        { op: 'replace', path: '/a', value: 3 },
      ]),
    ).toEqual({ a: 3 });
  });

  it('reports a failing operation even when others succeed, and never touches the input', () => {
    const before = { a: 1 };
    expect(() =>
      applyJsonPatch(before, [
        { op: 'replace', path: '/a', value: 2 },
        { op: 'remove', path: '/nope' },
      ]),
    ).toThrow('Value required at path: /nope');
    expect(before).toEqual({ a: 1 });
  });

  it('rejects a patch computed for another document', () => {
    const ops = jsonPatch({ a: 1, b: 2 }, { a: 1 });
    expect(() => applyJsonPatch({ a: 1 }, ops)).toThrow(/patch does not apply/);
  });
});
