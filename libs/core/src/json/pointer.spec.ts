import { deleteAt, expandPattern, getAt, parsePointer, setAt, toPointer } from './pointer';

describe('parsePointer / toPointer (RFC 6901)', () => {
  it('parses the root and plain paths', () => {
    expect(parsePointer('')).toEqual([]);
    expect(parsePointer('/')).toEqual(['']);
    expect(parsePointer('/a/0/b')).toEqual(['a', '0', 'b']);
    expect(parsePointer('/a//b')).toEqual(['a', '', 'b']);
  });

  it('unescapes ~1 to / and ~0 to ~, in that order', () => {
    expect(parsePointer('/a~1b')).toEqual(['a/b']);
    expect(parsePointer('/m~0n')).toEqual(['m~n']);
    // "~01" is an escaped "~" followed by "1", never a "/".
    expect(parsePointer('/~01')).toEqual(['~1']);
    expect(parsePointer('/~10')).toEqual(['/0']);
  });

  it('refuses text that is not a pointer', () => {
    expect(() => parsePointer('a/b')).toThrow('not a JSON pointer: a/b');
    expect(() => parsePointer('#/a')).toThrow(/not a JSON pointer/);
  });

  it('escapes ~ and / when building pointers, and numbers become tokens', () => {
    expect(toPointer([])).toBe('');
    expect(toPointer(['a/b', 'm~n', 3])).toBe('/a~1b/m~0n/3');
    expect(toPointer(['~1'])).toBe('/~01');
  });

  it('round-trips awkward tokens', () => {
    const tokens = ['', '~', '/', '~1', '~0/', 'a b', '•'];
    expect(parsePointer(toPointer(tokens))).toEqual(tokens);
  });
});

describe('getAt', () => {
  const doc = { a: { 'b/c': 1, 'd~e': 2, list: [10, { x: 'y' }] }, '': 'empty', n: null };

  it('reads objects, escaped keys and array indexes', () => {
    expect(getAt(doc, '')).toBe(doc);
    expect(getAt(doc, '/a/b~1c')).toBe(1);
    expect(getAt(doc, '/a/d~0e')).toBe(2);
    expect(getAt(doc, '/a/list/0')).toBe(10);
    expect(getAt(doc, '/a/list/1/x')).toBe('y');
    expect(getAt(doc, '/')).toBe('empty');
    expect(getAt(doc, '/n')).toBeNull();
  });

  it('answers undefined for missing places, without throwing', () => {
    expect(getAt(doc, '/missing')).toBeUndefined();
    expect(getAt(doc, '/a/list/5')).toBeUndefined();
    expect(getAt(doc, '/a/list/x')).toBeUndefined();
    expect(getAt(doc, '/a/b~1c/deeper')).toBeUndefined();
    expect(getAt(doc, '/n/deeper')).toBeUndefined();
  });
});

describe('setAt', () => {
  it('sets object members and array elements in place', () => {
    const doc: Record<string, unknown> = { a: { list: [1, 2] } };
    setAt(doc, '/a/b', 'new');
    setAt(doc, '/a/list/1', 'two');
    setAt(doc, '/a/x~1y', true);
    expect(doc).toEqual({ a: { b: 'new', list: [1, 'two'], 'x/y': true } });
  });

  it('replaces an existing value', () => {
    const doc = { settings: { apiKey: '••••••••••' } };
    setAt(doc, '/settings/apiKey', { $secret: 'unknown' });
    expect(doc.settings.apiKey).toEqual({ $secret: 'unknown' });
  });

  it('refuses the root and missing containers', () => {
    expect(() => setAt({}, '', 1)).toThrow('cannot set the root');
    expect(() => setAt({ a: 1 }, '/a/b', 1)).toThrow('no container at /a');
    expect(() => setAt({}, '/x/y/z', 1)).toThrow('no container at /x/y');
  });
});

describe('deleteAt', () => {
  it('removes an object member and leaves the rest', () => {
    const doc = { a: { b: 1, c: 2 } };
    deleteAt(doc, '/a/b');
    expect(doc).toEqual({ a: { c: 2 } });
  });

  it('does nothing for the root, missing places or array elements', () => {
    const doc = { a: { b: 1 }, list: [1, 2] };
    deleteAt(doc, '');
    deleteAt(doc, '/missing/deeper');
    deleteAt(doc, '/a/zzz');
    deleteAt(doc, '/list/0');
    expect(doc).toEqual({ a: { b: 1 }, list: [1, 2] });
  });
});

describe('expandPattern', () => {
  const body = {
    settings: { apiKey: 'k', region: 'eu', 'a/b': 'slash' },
    permissions: [
      {
        roleId: 'r1',
        resources: [
          { id: 's1', type: 'SOURCE' },
          { id: 's2', type: 'SOURCE' },
        ],
      },
      { roleId: 'r2', resources: [] },
      { roleId: 'r3', resources: [{ id: 'w1', type: 'WAREHOUSE' }] },
    ],
  };

  it('expands * over object keys, escaping them', () => {
    expect(expandPattern(body, '/settings/*')).toEqual(['/settings/apiKey', '/settings/region', '/settings/a~1b']);
  });

  it('expands * over arrays, nested, in document order', () => {
    expect(expandPattern(body, '/permissions/*/resources/*/id')).toEqual([
      '/permissions/0/resources/0/id',
      '/permissions/0/resources/1/id',
      '/permissions/2/resources/0/id',
    ]);
    expect(expandPattern(body, '/permissions/*/roleId')).toEqual([
      '/permissions/0/roleId',
      '/permissions/1/roleId',
      '/permissions/2/roleId',
    ]);
  });

  it('every expanded pointer resolves to a value', () => {
    for (const pointer of expandPattern(body, '/permissions/*/resources/*/id')) expect(typeof getAt(body, pointer)).toBe('string');
  });

  it('returns concrete pointers unchanged when present and nothing when absent', () => {
    expect(expandPattern(body, '/settings/apiKey')).toEqual(['/settings/apiKey']);
    expect(expandPattern(body, '/settings/password')).toEqual([]);
    expect(expandPattern(body, '/nothing/*')).toEqual([]);
    expect(expandPattern(body, '/settings/apiKey/*')).toEqual([]);
  });

  it('keeps null values (present) but not undefined ones', () => {
    expect(expandPattern({ a: { x: null, y: undefined } }, '/a/*')).toEqual(['/a/x']);
  });

  it('an empty pattern is the root', () => {
    expect(expandPattern(body, '')).toEqual(['']);
    expect(expandPattern(undefined, '')).toEqual([]);
  });
});

describe('writing through prototype keys', () => {
  it('refuses __proto__, constructor and prototype', () => {
    expect(() => setAt({}, '/__proto__/polluted', 1)).toThrow(/refusing/);
    expect(() => deleteAt({}, '/constructor/prototype')).toThrow(/refusing/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
