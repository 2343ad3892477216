import { SECRET_UNKNOWN } from '../kinds';
import { blame, BodyVersion } from './blame';

const at = (day: number) => new Date(Date.UTC(2026, 0, day));

const version = (n: number, body: unknown, cause = 'snapshot', causeId: string | null | undefined = `snap-${n}`): BodyVersion => ({
  version: n,
  observedAt: at(n),
  cause,
  ...(causeId !== undefined ? { causeId } : {}),
  body,
});

const stamp = (n: number, cause = 'snapshot', causeId: string | null = `snap-${n}`) => ({ version: n, observedAt: at(n), cause, causeId });

describe('blame', () => {
  it('is empty without history', () => {
    expect(blame([])).toEqual({});
  });

  it('blames every field of a new resource on its creation', () => {
    expect(blame([version(1, { name: 'web', settings: { region: 'eu' } })])).toEqual({
      '/name': stamp(1),
      '/settings/region': stamp(1),
    });
  });

  it('blames a changed field on the version that changed it, and keeps older blame for the rest', () => {
    const result = blame([
      version(1, { name: 'web', enabled: true, settings: { region: 'eu' } }),
      version(2, { name: 'web', enabled: false, settings: { region: 'eu' } }),
      version(3, { name: 'web', enabled: false, settings: { region: 'us' } }, 'restore', 'op-7'),
    ]);
    expect(result).toEqual({
      '/enabled': stamp(2),
      '/name': stamp(1),
      '/settings/region': stamp(3, 'restore', 'op-7'),
    });
  });

  it('a value changed back is blamed on the change back, not on the original version', () => {
    const result = blame([version(1, { enabled: true }), version(2, { enabled: false }), version(3, { enabled: true })]);
    expect(result['/enabled']).toEqual(stamp(3));
  });

  it('a field that disappears and comes back is blamed on its return', () => {
    const result = blame([version(1, { name: 'a', extra: 1 }), version(2, { name: 'a' }), version(3, { name: 'a', extra: 1 })]);
    expect(result).toEqual({ '/extra': stamp(3), '/name': stamp(1) });
  });

  it('lists only fields of the latest body', () => {
    const result = blame([version(1, { name: 'a', gone: true }), version(2, { name: 'a' })]);
    expect(Object.keys(result)).toEqual(['/name']);
  });

  it('blames fields on the re-creation after a deletion, even with identical values', () => {
    const body = { name: 'web', settings: { region: 'eu' } };
    const result = blame([version(1, body), version(2, null, 'snapshot'), version(3, body, 'restore', 'op-1')]);
    expect(result).toEqual({
      '/name': stamp(3, 'restore', 'op-1'),
      '/settings/region': stamp(3, 'restore', 'op-1'),
    });
  });

  it('a resource whose latest version is a deletion has no blame', () => {
    expect(blame([version(1, { name: 'web' }), version(2, null)])).toEqual({});
  });

  it('compares values by content, not by key order or identity', () => {
    const result = blame([version(1, { list: [], settings: {} }), version(2, { list: [], settings: {} })]);
    expect(result).toEqual({ '/list': stamp(1), '/settings': stamp(1) });
  });

  it('distinguishes values of different types that print alike', () => {
    const result = blame([version(1, { port: '80' }), version(2, { port: 80 })]);
    expect(result['/port']).toEqual(stamp(2));
  });

  it('an unchanged secret marker keeps its blame; becoming a secret is a change', () => {
    const result = blame([
      version(1, { settings: { apiKey: SECRET_UNKNOWN, token: 'plain' } }),
      version(2, { settings: { apiKey: SECRET_UNKNOWN, token: SECRET_UNKNOWN } }),
    ]);
    expect(result).toEqual({ '/settings/apiKey': stamp(1), '/settings/token': stamp(2) });
  });

  it('blames array elements by index', () => {
    const result = blame([version(1, { actions: [{ type: 'DROP' }] }), version(2, { actions: [{ type: 'DROP' }, { type: 'ALLOW' }] })]);
    expect(result).toEqual({ '/actions/0/type': stamp(1), '/actions/1/type': stamp(2) });
  });

  it('a field turned from an object into a scalar is a new leaf', () => {
    const result = blame([version(1, { a: { b: 1 }, keep: 1 }), version(2, { a: 'flat', keep: 1 })]);
    expect(result).toEqual({ '/a': stamp(2), '/keep': stamp(1) });
  });

  it('records a missing causeId as null and keeps observedAt as given', () => {
    const result = blame([{ version: 4, observedAt: '2026-01-04T00:00:00.000Z', cause: 'snapshot', body: { a: 1 } }]);
    expect(result).toEqual({ '/a': { version: 4, observedAt: '2026-01-04T00:00:00.000Z', cause: 'snapshot', causeId: null } });
  });

  it('lists fields in sorted pointer order', () => {
    const result = blame([version(1, { zeta: 1, alpha: { b: 1, a: 2 }, mid: 3 })]);
    expect(Object.keys(result)).toEqual(['/alpha/a', '/alpha/b', '/mid', '/zeta']);
  });
});
