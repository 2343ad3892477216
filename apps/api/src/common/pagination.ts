import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { ValidationError } from '@app/core';

export class PageQuery {
  @IsOptional()
  @Transform(({ value }) => (Array.isArray(value) ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : value))
  @IsInt({ message: 'limit must be a whole number, given once' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(1000, { message: 'limit must be at most 1000' })
  limit?: number;

  @IsOptional()
  @IsString()
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Cursors are opaque to clients; a forged or foreign one is a 400 naming `cursor`. */
export function decodeCursor<T extends Record<string, unknown>>(
  cursor: string | undefined,
  check: (value: Record<string, unknown>) => value is T,
): T | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (check(value)) return value;
  } catch {
    // fall through
  }
  throw new ValidationError('cursor', 'cursor is not a cursor this list returned');
}
