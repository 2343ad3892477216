import { validation } from '../http/sim-error';

export const DEFAULT_PAGE_SIZE = 200;
export const MAX_PAGE_SIZE = 1000;

export interface Pageable<T> {
  readonly size: number;
  indexAfter(seq: number): number;
  seqAt(index: number): number;
  slice(start: number, end: number): T[];
}

export interface PageOutput {
  current: string;
  next: string | null;
  previous: string | null;
  totalEntries: number;
}

export interface PageInput {
  count: number;
  afterSeq: number;
  cursor: string;
}

/** Items with their sequence numbers, for lists filtered out of a larger collection. */
export class SeqArray<T> implements Pageable<T> {
  constructor(private readonly rows: Array<{ seq: number; value: T }>) {}

  get size(): number {
    return this.rows.length;
  }

  indexAfter(seq: number): number {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rows[mid]!.seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  seqAt(index: number): number {
    return this.rows[index]!.seq;
  }

  slice(start: number, end: number): T[] {
    return this.rows.slice(start, end).map((row) => row.value);
  }

  /** Wraps a plain ordered array; the position is the sequence number. */
  static of<T>(values: readonly T[]): SeqArray<T> {
    return new SeqArray(values.map((value, index) => ({ seq: index + 1, value })));
  }
}

function encodeCursor(list: string, afterSeq: number): string {
  return Buffer.from(JSON.stringify({ l: list, a: afterSeq })).toString('base64url');
}

function decodeCursor(list: string, cursor: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { l?: unknown; a?: unknown };
    if (parsed.l === list && typeof parsed.a === 'number' && Number.isInteger(parsed.a) && parsed.a >= 0) return parsed.a;
  } catch {
    // fall through: the cursor is not one of ours
  }
  throw validation('pagination.cursor', 'The pagination cursor is invalid or belongs to another list.');
}

/**
 * Reads `pagination[count]` / `pagination[cursor]`. `count` is 1–1000 (v73); when pagination is
 * omitted the count defaults to 200, as the current docs say.
 */
export function readPageInput(query: Record<string, unknown>, list: string): PageInput {
  const raw = query.pagination;
  if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) {
    throw validation('pagination', 'pagination must be an object: pagination[count]=…&pagination[cursor]=…');
  }
  const pagination = (raw ?? {}) as Record<string, unknown>;
  let count = DEFAULT_PAGE_SIZE;
  if (pagination.count !== undefined) {
    const text = String(pagination.count);
    count = Number(text);
    if (!/^\d+$/.test(text) || count < 1 || count > MAX_PAGE_SIZE) {
      throw validation('pagination.count', `pagination.count must be an integer between 1 and ${MAX_PAGE_SIZE}.`);
    }
  }
  const cursor = pagination.cursor === undefined || pagination.cursor === '' ? undefined : String(pagination.cursor);
  return { count, cursor: cursor ?? encodeCursor(list, 0), afterSeq: cursor ? decodeCursor(list, cursor) : 0 };
}

export function paginate<T>(items: Pageable<T>, input: PageInput, list: string): { items: T[]; pagination: PageOutput } {
  const start = items.indexAfter(input.afterSeq);
  const end = Math.min(start + input.count, items.size);
  const page = items.slice(start, end);
  const next = end < items.size ? encodeCursor(list, items.seqAt(end - 1)) : null;
  let previous: string | null = null;
  if (start > 0) {
    const previousStart = Math.max(0, start - input.count);
    previous = encodeCursor(list, previousStart === 0 ? 0 : items.seqAt(previousStart - 1));
  }
  return { items: page, pagination: { current: input.cursor, next, previous, totalEntries: items.size } };
}
