import { canonicalJson, contentHash, deepClone, isPlainObject, sha256Hex } from './canonical';

describe('canonicalJson', () => {
  it('orders object keys, at every depth, independently of insertion order', () => {
    const a = { b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } };
    const b = { a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it('keeps array order (arrays are ordered content)', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('serializes scalars as JSON does', () => {
    expect(canonicalJson('x"y')).toBe('"x\\"y"');
    expect(canonicalJson(0)).toBe('0');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson({ s: '••' })).toBe('{"s":"••"}');
  });

  it('drops undefined properties like JSON.stringify', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('refuses values that are not JSON', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
  });

  it('refuses circular structures instead of writing a placeholder', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(TypeError);
  });
});

describe('contentHash', () => {
  it('is the sha-256 hex of the canonical text', () => {
    expect(contentHash({ b: 2, a: 1 })).toBe(sha256Hex('{"a":1,"b":2}'));
    expect(contentHash({})).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is equal for the same content with reordered keys', () => {
    const left = { name: 'web', settings: { apiKey: 'k', region: 'eu', nested: { y: 1, x: 2 } }, labels: [{ key: 'env', value: 'prod' }] };
    const right = { labels: [{ value: 'prod', key: 'env' }], settings: { nested: { x: 2, y: 1 }, region: 'eu', apiKey: 'k' }, name: 'web' };
    expect(contentHash(right)).toBe(contentHash(left));
  });

  it('differs for different content', () => {
    const base = { name: 'web', enabled: true, settings: { region: 'eu' } };
    expect(contentHash({ ...base, enabled: false })).not.toBe(contentHash(base));
    expect(contentHash({ ...base, settings: { region: 'us' } })).not.toBe(contentHash(base));
    expect(contentHash({ ...base, extra: null })).not.toBe(contentHash(base));
    expect(contentHash({ a: '1' })).not.toBe(contentHash({ a: 1 }));
    expect(contentHash([1, 2])).not.toBe(contentHash([2, 1]));
  });
});

describe('sha256Hex', () => {
  it('matches the well-known digest of the empty string', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('deepClone and isPlainObject', () => {
  it('deepClone copies nested values without sharing them', () => {
    const original = { a: { b: [1, { c: 2 }] } };
    const copy = deepClone(original);
    expect(copy).toEqual(original);
    (copy.a.b[1] as { c: number }).c = 3;
    expect((original.a.b[1] as { c: number }).c).toBe(2);
  });

  it('isPlainObject accepts objects and rejects arrays, null and scalars', () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject({ a: 1 })).toBe(true);
    expect(isPlainObject([])).toBe(false);
    expect(isPlainObject(null)).toBe(false);
    expect(isPlainObject('x')).toBe(false);
    expect(isPlainObject(1)).toBe(false);
    expect(isPlainObject(undefined)).toBe(false);
  });
});
