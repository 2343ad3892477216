import { ValidationError } from '@app/core';
import {
  decodeCursor,
  encodeCursor,
  isIdCursor,
  isInstantIdCursor,
  keysetPage,
  mapPage,
  offsetPage,
  useCursorSigningKey,
} from './pagination';

const ID = '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60';
const anything = (value: Record<string, unknown>): value is Record<string, unknown> => value !== null;

describe('cursors', () => {
  it('round-trip', () => {
    expect(decodeCursor(encodeCursor({ id: ID }), isIdCursor)).toEqual({ id: ID });
  });

  it('absent: the first page', () => {
    expect(decodeCursor(undefined, anything)).toBeUndefined();
    expect(decodeCursor('', anything)).toBeUndefined();
  });

  const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const [payload, signature] = encodeCursor({ id: ID }).split('.');

  it.each([
    ['not base64 JSON', 'not-a-cursor!'],
    ['unsigned base64 JSON (the old format)', forge({ id: ID })],
    ['a forged signature', `${payload}.${'A'.repeat(43)}`],
    ['an altered payload', `${forge({ id: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f61' })}.${signature}`],
    ['a truncated signature', `${payload}.${signature!.slice(0, -2)}`],
    ['an extra part', `${payload}.${signature}.x`],
    ['a cursor over 1024 characters', `${payload}.${signature}${'A'.repeat(1024)}`],
    ['forged (issue 10): a time out of range', `${forge({ at: '-271821-04-20T00:00:00.000Z', id: ID })}.${signature}`],
    ['forged (issue 10): a fractional version', `${forge({ v: 1.5, k: 'source', i: 'x' })}.${signature}`],
    ['forged (issue 10): a huge position', `${forge({ p: 1e300 })}.${signature}`],
    ['forged (issue 10): a garbage time', `${forge({ at: 'garbage', id: ID })}.${signature}`],
    ['JSON of the wrong shape', encodeCursor({ id: 'not-a-uuid' })],
    ['a JSON scalar', Buffer.from('42').toString('base64url')],
    ['signed JSON null', encodeCursor(null as never)],
  ])('%s is a 400 naming cursor', (_name, cursor) => {
    const error = (() => {
      try {
        decodeCursor(cursor, isIdCursor);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'cursor', message: 'cursor is not a cursor this list returned' });
  });

  it('is signed: HMAC-SHA256 of the payload, with the configured key when there is one', () => {
    expect(encodeCursor({ id: ID })).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const before = encodeCursor({ id: ID });
    useCursorSigningKey('k'.repeat(32));
    expect(encodeCursor({ id: ID })).not.toBe(before);
    expect(() => decodeCursor(before, isIdCursor)).toThrow('cursor is not a cursor this list returned');
    expect(decodeCursor(encodeCursor({ id: ID }), isIdCursor)).toEqual({ id: ID });
  });

  it('an instant cursor needs a real time and a UUID', () => {
    expect(isInstantIdCursor({ at: '2026-01-01T00:00:00.000Z', id: ID })).toBe(true);
    expect(isInstantIdCursor({ at: '-271821-04-20T00:00:00.000Z', id: ID })).toBe(false);
    expect(isInstantIdCursor({ at: '+275760-09-13T00:00:00.000Z', id: ID })).toBe(false);
    expect(isInstantIdCursor({ at: '2026-02-30T00:00:00.000Z', id: ID })).toBe(false);
    expect(isInstantIdCursor({ at: 'someday', id: ID })).toBe(false);
    expect(isInstantIdCursor({ at: '2026-01-01T00:00:00.000Z', id: 'x' })).toBe(false);
  });
});

describe('keysetPage', () => {
  const rows = [1, 2, 3, 4, 5];

  it('asks for one row more than the page; the extra row means a next page, whose cursor is the last row shown', async () => {
    const fetch = jest.fn(async (take: number) => rows.slice(0, take));
    const page = await keysetPage(2, fetch, (last) => ({ after: last }));
    expect(fetch).toHaveBeenCalledWith(3);
    expect(page.items).toEqual([1, 2]);
    expect(decodeCursor(page.nextCursor!, anything)).toEqual({ after: 2 });
  });

  it('no extra row: the last page', async () => {
    expect(
      await keysetPage(
        5,
        async (take) => rows.slice(0, take),
        () => ({}),
      ),
    ).toEqual({ items: rows, nextCursor: null });
    expect(
      await keysetPage(
        5,
        async () => [],
        () => ({}),
      ),
    ).toEqual({ items: [], nextCursor: null });
  });
});

describe('offsetPage', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];

  it('pages a computed list, 100 at a time by default', () => {
    expect(offsetPage(items, {}, 'q')).toEqual({ items, nextCursor: null });
    const first = offsetPage(items, { limit: 2 }, 'q');
    expect(first.items).toEqual(['a', 'b']);
    const second = offsetPage(items, { limit: 2, cursor: first.nextCursor! }, 'q');
    expect(second.items).toEqual(['c', 'd']);
    const third = offsetPage(items, { limit: 2, cursor: second.nextCursor! }, 'q');
    expect(third).toEqual({ items: ['e'], nextCursor: null });
  });

  it('a cursor belongs to the query it came from', () => {
    const { nextCursor } = offsetPage(items, { limit: 2 }, 'ws:1:2::');
    expect(() => offsetPage(items, { limit: 2, cursor: nextCursor! }, 'ws:1:3::')).toThrow('cursor belongs to another query');
  });
});

it('mapPage shows each item and keeps the cursor', () => {
  expect(mapPage({ items: [1, 2], nextCursor: 'c' }, (n) => n * 10)).toEqual({ items: [10, 20], nextCursor: 'c' });
});
