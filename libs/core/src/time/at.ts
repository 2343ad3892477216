import { ValidationError } from '../errors';

/** How a caller names a point in history: a version, an instant, or the latest snapshot. */
export type AtSpec = { latest: true } | { version: number } | { time: Date };

/** A date (midnight UTC) or a date-time with its zone: an instant must not depend on the server's time zone. */
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/** The calendar date is real (Date.parse would roll 2026-02-30 over to March 2nd). */
function realDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The highest version a stream can reach (versions are stored as 32-bit integers). */
export const MAX_VERSION = 2_147_483_647;

/** Parses `latest`, a positive integer version, or an ISO-8601 instant; anything else is a 400. */
export function parseAt(value: string | undefined, field = 'at'): AtSpec {
  if (value === undefined || value === '' || value === 'latest') return { latest: true };
  if (/^\d+$/.test(value)) {
    const version = Number(value);
    if (!Number.isSafeInteger(version) || version < 1 || version > MAX_VERSION)
      throw new ValidationError(field, `${field} must be a version from 1 to ${MAX_VERSION}, an ISO-8601 instant or 'latest'`);
    return { version };
  }
  const match = ISO_INSTANT.exec(value);
  if (match && realDate(Number(match[1]), Number(match[2]), Number(match[3])) && !Number.isNaN(Date.parse(value)))
    return { time: new Date(value) };
  throw new ValidationError(
    field,
    `${field} must be a version number, an ISO-8601 instant with its zone (e.g. 2026-11-26T02:00:00Z) or 'latest'; got '${value}'`,
  );
}

export const describeAt = (at: AtSpec): string =>
  'latest' in at ? 'latest' : 'version' in at ? `version ${at.version}` : at.time.toISOString();
