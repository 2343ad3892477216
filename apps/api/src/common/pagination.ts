import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { isUuid, ValidationError } from '@app/core';

/** The longest cursor accepted: the ones this API makes are far shorter. */
export const MAX_CURSOR_LENGTH = 1024;

export class PageQuery {
  // class-validator checks the decorator nearest the property first (and stops there): the type, then the bounds
  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 1000, description: 'Items per page' })
  @IsOptional()
  @Transform(({ value }) => (Array.isArray(value) ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : value))
  @Max(1000, { message: 'limit must be at most 1000' })
  @Min(1, { message: 'limit must be at least 1' })
  @IsInt({ message: 'limit must be a whole number, given once' })
  limit?: number;

  @ApiPropertyOptional({
    type: String,
    maxLength: MAX_CURSOR_LENGTH,
    description: 'The `nextCursor` of the previous page (opaque, signed)',
  })
  @IsOptional()
  @MaxLength(MAX_CURSOR_LENGTH, { message: 'cursor is not a cursor this list returned' })
  @IsString({ message: 'cursor must be a cursor a previous page returned, given once' })
  cursor?: string;
}

/** What paging needs from a query: how many, and where the previous page ended. */
export interface PageRequest {
  limit?: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

let signingKey: Buffer = randomBytes(32);

/** The key cursors are signed with (CURSOR_SIGNING_KEY); a random one per process until set. */
export function useCursorSigningKey(key: string | undefined): void {
  signingKey = key ? createHash('sha256').update(`cursor-signing:${key}`).digest() : signingKey;
}

const sign = (payload: string) => createHmac('sha256', signingKey).update(payload).digest('base64url');

/** `base64url(JSON).base64url(HMAC-SHA256)`: opaque to clients, and any change to it is refused. */
export function encodeCursor(value: Record<string, unknown>): string {
  const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${payload}.${sign(payload)}`;
}

const notOurs = () => new ValidationError('cursor', 'cursor is not a cursor this list returned');

/** The payload of a cursor this API signed, or undefined (forged, altered, truncated, too long). */
function verified(cursor: string): string | undefined {
  if (cursor.length > MAX_CURSOR_LENGTH) return undefined;
  const [payload, signature, ...rest] = cursor.split('.');
  if (!payload || !signature || rest.length) return undefined;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? payload : undefined;
}

/** Cursors are opaque to clients; a forged, altered or foreign one is a 400 naming `cursor`. */
export function decodeCursor<T extends Record<string, unknown>>(
  cursor: string | undefined,
  check: (value: Record<string, unknown>) => value is T,
): T | undefined {
  if (!cursor) return undefined;
  const payload = verified(cursor);
  if (payload === undefined) throw notOurs();
  try {
    const value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (value !== null && typeof value === 'object' && check(value)) return value;
  } catch {
    // fall through
  }
  throw notOurs();
}

/** The cursor of a list ordered by id. */
export const isIdCursor = (value: Record<string, unknown>): value is { id: string } => isUuid(value.id);

/** The cursor of a list ordered by a time stamp, then id (newest first). */
export const isInstantIdCursor = (value: Record<string, unknown>): value is { at: string; id: string } =>
  isIsoInstant(value.at) && isUuid(value.id);

/** An instant as toISOString writes it, within years 0–9999 (what Postgres and Prisma read back). */
const isIsoInstant = (value: unknown): value is string =>
  typeof value === 'string' &&
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) &&
  !Number.isNaN(Date.parse(value)) &&
  new Date(value).toISOString() === value;

/**
 * Keyset paging over a repository list: `limit + 1` rows are asked for, and the extra one says
 * whether there is a next page; its cursor is made from the last row shown.
 */
export async function keysetPage<T>(
  limit: number,
  fetch: (take: number) => Promise<T[]>,
  cursorOf: (last: T) => Record<string, unknown>,
): Promise<Page<T>> {
  const rows = await fetch(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(cursorOf(last)) : null };
}

const isOffsetCursor = (value: Record<string, unknown>): value is { o: number; q: string } =>
  Number.isSafeInteger(value.o) && (value.o as number) >= 0 && typeof value.q === 'string';

/**
 * Offset paging over a list computed whole (a diff). The cursor carries the query it belongs to
 * (`signature`), so that it cannot be replayed against another one.
 */
export function offsetPage<T>(items: T[], request: PageRequest, signature: string, defaultLimit = 100): Page<T> {
  const cursor = decodeCursor(request.cursor, isOffsetCursor);
  if (cursor && cursor.q !== signature) throw new ValidationError('cursor', 'cursor belongs to another query');
  const start = cursor?.o ?? 0;
  const limit = request.limit ?? defaultLimit;
  return {
    items: items.slice(start, start + limit),
    nextCursor: start + limit < items.length ? encodeCursor({ o: start + limit, q: signature }) : null,
  };
}

/** A page with each item shown as the API shows it. */
export const mapPage = <T, V>(page: Page<T>, view: (item: T) => V): Page<V> => ({
  items: page.items.map((item) => view(item)),
  nextCursor: page.nextCursor,
});
