import { SECRET_UNKNOWN } from '../kinds';
import { PatchOperation } from './json-patch';
import { describeOperation, fieldName, leaves, summarizeChange } from './summary';

describe('fieldName', () => {
  it('names an append to an array (RFC 6902 "-") as [+]', () => {
    expect(fieldName('/labels/-')).toBe('labels[+]');
  });

  it('joins object members with dots', () => {
    expect(fieldName('/settings/apiKey')).toBe('settings.apiKey');
    expect(fieldName('/enabled')).toBe('enabled');
    expect(fieldName('/a/b/c')).toBe('a.b.c');
  });

  it('writes array indexes in brackets', () => {
    expect(fieldName('/actions/0/type')).toBe('actions[0].type');
    expect(fieldName('/matrix/1/2')).toBe('matrix[1][2]');
    expect(fieldName('/0/name')).toBe('[0].name');
    expect(fieldName('/labels/12')).toBe('labels[12]');
  });

  it('is empty for the root', () => {
    expect(fieldName('')).toBe('');
  });

  it('unescapes ~1 and ~0 in member names', () => {
    expect(fieldName('/settings/a~1b')).toBe('settings.a/b');
    expect(fieldName('/m~0n')).toBe('m~n');
  });

  it('refuses text that is not a JSON pointer', () => {
    expect(() => fieldName('settings/apiKey')).toThrow(/not a JSON pointer/);
  });
});

describe('describeOperation', () => {
  const before = {
    enabled: true,
    name: 'web',
    count: 3,
    nothing: null,
    settings: { apiKey: SECRET_UNKNOWN, region: 'eu', nested: { a: 1 } },
    actions: [{ type: 'DROP' }],
  };

  it('names added and removed fields', () => {
    expect(describeOperation({ op: 'add', path: '/description', value: 'x' }, before)).toBe('description added');
    expect(describeOperation({ op: 'remove', path: '/settings/region' }, before)).toBe('settings.region removed');
    expect(describeOperation({ op: 'add', path: '/actions/1', value: { type: 'ALLOW' } }, before)).toBe('actions[1] added');
  });

  it('shows old and new scalar values as JSON, joined by an arrow', () => {
    expect(describeOperation({ op: 'replace', path: '/enabled', value: false }, before)).toBe('enabled true→false');
    expect(describeOperation({ op: 'replace', path: '/name', value: 'ios' }, before)).toBe('name "web"→"ios"');
    expect(describeOperation({ op: 'replace', path: '/count', value: 4 }, before)).toBe('count 3→4');
    expect(describeOperation({ op: 'replace', path: '/nothing', value: 'now' }, before)).toBe('nothing null→"now"');
    expect(describeOperation({ op: 'replace', path: '/actions/0/type', value: 'ALLOW' }, before)).toBe('actions[0].type "DROP"→"ALLOW"');
  });

  it('never shows the value of a secret, old or new', () => {
    expect(describeOperation({ op: 'replace', path: '/settings/apiKey', value: 'plain-text-key' }, before)).toBe(
      'settings.apiKey changed (secret)',
    );
    expect(describeOperation({ op: 'replace', path: '/settings/region', value: SECRET_UNKNOWN }, before)).toBe(
      'settings.region changed (secret)',
    );
  });

  it('says only "changed" when either side is not a scalar', () => {
    expect(describeOperation({ op: 'replace', path: '/settings/nested', value: 'flat' }, before)).toBe('settings.nested changed');
    expect(describeOperation({ op: 'replace', path: '/name', value: { first: 'w' } }, before)).toBe('name changed');
    expect(describeOperation({ op: 'replace', path: '/actions', value: [] }, before)).toBe('actions changed');
  });

  it('says only "changed" when the old value is unknown (no before given)', () => {
    expect(describeOperation({ op: 'replace', path: '/enabled', value: false }, undefined)).toBe('enabled changed');
  });

  it('shortens long values to 80 characters with an ellipsis', () => {
    const long = 'x'.repeat(100);
    const phrase = describeOperation({ op: 'replace', path: '/name', value: long }, before);
    const [, shown] = phrase.split('→');
    expect(shown).toBe(`"${'x'.repeat(76)}…`);
    expect(shown).toHaveLength(78);
    const exactly80 = 'y'.repeat(78); // 80 characters once quoted
    expect(describeOperation({ op: 'replace', path: '/name', value: exactly80 }, before)).toBe(`name "web"→"${exactly80}"`);
  });

  it('calls the root "(whole)"', () => {
    expect(describeOperation({ op: 'replace', path: '', value: 2 }, 1)).toBe('(whole) 1→2');
    expect(describeOperation({ op: 'replace', path: '', value: {} }, before)).toBe('(whole) changed');
  });

  it('names other operations by their op', () => {
    expect(describeOperation({ op: 'move', from: '/name', path: '/title' }, before)).toBe('title move');
    expect(describeOperation({ op: 'copy', from: '/name', path: '/title' }, before)).toBe('title copy');
    expect(describeOperation({ op: 'test', path: '/enabled', value: true }, before)).toBe('enabled test');
  });
});

describe('summarizeChange', () => {
  const before = { enabled: true, name: 'web', settings: { apiKey: SECRET_UNKNOWN } };

  it('created and deleted resources are one word, whatever the operations', () => {
    const ops: PatchOperation[] = [{ op: 'replace', path: '/enabled', value: false }];
    expect(summarizeChange('destination', 'Amplitude (web)', 'created', ops, before)).toBe("destination 'Amplitude (web)' created");
    expect(summarizeChange('destination', 'Amplitude (web)', 'deleted', ops, before)).toBe("destination 'Amplitude (web)' deleted");
  });

  it('no operations means unchanged', () => {
    expect(summarizeChange('source', 'web', 'changed', [], before)).toBe("source 'web' unchanged");
    expect(summarizeChange('source', 'web', 'same', [])).toBe("source 'web' unchanged");
  });

  it('lists one phrase per operation, in order, after a colon', () => {
    const ops: PatchOperation[] = [
      { op: 'replace', path: '/settings/apiKey', value: 'new' },
      { op: 'replace', path: '/enabled', value: false },
      { op: 'add', path: '/description', value: 'd' },
    ];
    expect(summarizeChange('destination', 'Amplitude (web)', 'changed', ops, before)).toBe(
      "destination 'Amplitude (web)': settings.apiKey changed (secret), enabled true→false, description added",
    );
  });

  it('shows a phrase repeated by several operations once', () => {
    const ops: PatchOperation[] = [
      { op: 'remove', path: '/labels/0' },
      { op: 'remove', path: '/labels/0' },
      { op: 'replace', path: '/enabled', value: false },
    ];
    expect(summarizeChange('source', 'web', 'changed', ops, { ...before, labels: [1, 2] })).toBe(
      "source 'web': labels[0] removed, enabled true→false",
    );
  });

  it('shows at most six phrases and counts the rest', () => {
    const ops: PatchOperation[] = Array.from({ length: 8 }, (_, i) => ({ op: 'add', path: `/f${i}`, value: i }));
    expect(summarizeChange('source', 'web', 'changed', ops)).toBe(
      "source 'web': f0 added, f1 added, f2 added, f3 added, f4 added, f5 added, and 2 more",
    );
    expect(summarizeChange('source', 'web', 'changed', ops.slice(0, 6))).toBe(
      "source 'web': f0 added, f1 added, f2 added, f3 added, f4 added, f5 added",
    );
  });

  it('takes another maximum', () => {
    const ops: PatchOperation[] = Array.from({ length: 3 }, (_, i) => ({ op: 'remove', path: `/f${i}` }));
    expect(summarizeChange('label', 'env:prod', 'changed', ops, undefined, 1)).toBe("label 'env:prod': f0 removed, and 2 more");
  });

  it('counts the remainder after removing duplicate phrases', () => {
    const ops: PatchOperation[] = [
      ...Array.from({ length: 3 }, (): PatchOperation => ({ op: 'remove', path: '/list/0' })),
      { op: 'add', path: '/a', value: 1 },
      { op: 'add', path: '/b', value: 1 },
    ];
    expect(summarizeChange('source', 'web', 'changed', ops, { list: [1, 2, 3] }, 2)).toBe(
      "source 'web': list[0] removed, a added, and 1 more",
    );
  });
});

describe('leaves', () => {
  it('maps every leaf pointer to its value, arrays by index', () => {
    const value = { name: 'web', enabled: true, count: 0, none: null, settings: { region: 'eu', deep: { x: 1 } }, list: ['a', { b: 2 }] };
    expect([...leaves(value)]).toEqual([
      ['/name', 'web'],
      ['/enabled', true],
      ['/count', 0],
      ['/none', null],
      ['/settings/region', 'eu'],
      ['/settings/deep/x', 1],
      ['/list/0', 'a'],
      ['/list/1/b', 2],
    ]);
  });

  it('keeps empty objects and arrays as leaves of their own', () => {
    const result = leaves({ settings: {}, labels: [], nested: { empty: [] } });
    expect([...result]).toEqual([
      ['/settings', {}],
      ['/labels', []],
      ['/nested/empty', []],
    ]);
  });

  it('treats a secret marker as one leaf, never descending into it', () => {
    const result = leaves({ settings: { apiKey: SECRET_UNKNOWN, region: 'eu' } });
    expect([...result.keys()]).toEqual(['/settings/apiKey', '/settings/region']);
    expect(result.get('/settings/apiKey')).toBe(SECRET_UNKNOWN);
    expect(result.has('/settings/apiKey/$secret')).toBe(false);
  });

  it('descends into objects that only look like secrets', () => {
    expect([...leaves({ a: { $secret: 'known' } })]).toEqual([['/a/$secret', 'known']]);
  });

  it('escapes ~ and / in member names so the pointers resolve', () => {
    expect([...leaves({ 'a/b': 1, 'm~n': { '~1': 2 } }).keys()]).toEqual(['/a~1b', '/m~0n/~01']);
  });

  it('a scalar is its own single leaf at the root, or at the prefix', () => {
    expect([...leaves(42)]).toEqual([['', 42]]);
    expect([...leaves('text', '/name')]).toEqual([['/name', 'text']]);
    expect([...leaves(null)]).toEqual([['', null]]);
  });

  it('prefixes every pointer when asked', () => {
    expect([...leaves({ a: [1] }, '/body').keys()]).toEqual(['/body/a/0']);
  });

  it('an empty body is one empty leaf', () => {
    expect([...leaves({})]).toEqual([['', {}]]);
  });
});
