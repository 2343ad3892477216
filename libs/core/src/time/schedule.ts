import { CronDate, CronExpression, CronExpressionParser } from 'cron-parser';

/**
 * How far before a start to look for a clock change: longer than any in use (an hour almost
 * everywhere, two at Antarctica/Troll).
 */
const CLOCK_CHANGE_WINDOW_MS = 3 * 3600_000;

/** A wall-clock time the schedule names that has no occurrence at or before `now` can happen once (a skipped time); more is a bug. */
const MAX_WALL_CLOCK_STEPS = 8;

/** The zone's offset from UTC at an instant, in milliseconds. */
const offsetAt = (instant: number, timezone: string) => new CronDate(instant, timezone).getUTCOffset() * 60_000;

/**
 * The most recent time a cron expression fired at or before `now`, read on the zone's wall clock.
 * A nightly 02:00 fires every night: on the night of the spring change, when 02:00 does not exist,
 * at 03:00 (the clock jumps past it), as cron does. A time the autumn change repeats fires once,
 * at its first occurrence; a schedule over every hour (`*` or `*\/15` in the hour field) keeps
 * its pace through the repeated hour, as cron does. Throws on an invalid expression or zone.
 *
 * cron-parser's forward search in the zone decides all of this. Its backward search does not (it
 * skips the spring night, returns the autumn repeat, and gives up on a day that skips midnight),
 * so the search runs backwards on the wall clock only, as if it were UTC, to find where to start.
 */
export function lastOccurrence(schedule: string, timezone: string, now: Date): Date {
  const offsetNow = offsetAt(now.getTime(), timezone);
  // +1 ms: an occurrence exactly at `now` counts
  const wallClock = CronExpressionParser.parse(schedule, { tz: 'UTC', currentDate: new Date(now.getTime() + offsetNow + 1) });
  const zoned = CronExpressionParser.parse(schedule, { tz: timezone });
  for (let step = 0; step < MAX_WALL_CLOCK_STEPS; step++) {
    const wall = wallClock.prev().getTime();
    const found = lastFiredBetween(zoned, wall - offsetNow, now.getTime(), timezone);
    if (found) return found;
  }
  throw new Error(`no occurrence of '${schedule}' in ${timezone} found before ${now.toISOString()}`);
}

/**
 * The last occurrence at or before `now`, walking forward from `start` — from before the clock
 * change when one happened since, so that the walk knows which pass of a repeated hour it is in.
 */
function lastFiredBetween(zoned: CronExpression, start: number, now: number, timezone: string): Date | undefined {
  const changed = offsetAt(start - CLOCK_CHANGE_WINDOW_MS, timezone) !== offsetAt(now, timezone);
  zoned.reset(new Date(start - (changed ? CLOCK_CHANGE_WINDOW_MS : 1)));
  // a schedule over every hour keeps its pace through a repeated hour, as cron does; any other fires once
  const firesOnce = changed && zoned.fields.hour.values.length < 24;
  let last: number | undefined;
  for (let next = zoned.next(); next.getTime() <= now; next = zoned.next()) last = firesOnce ? firstPass(next, timezone) : next.getTime();
  return last === undefined ? undefined : new Date(last);
}

/**
 * An occurrence in the hour an autumn change repeats, moved to the first time the clock showed
 * it. cron-parser does that itself, except when the repeated hour starts at midnight
 * (America/Havana): then it gives the second pass.
 */
function firstPass(occurrence: CronDate, timezone: string): number {
  const at = occurrence.getTime();
  const setBack = offsetAt(at - CLOCK_CHANGE_WINDOW_MS, timezone) - offsetAt(at, timezone);
  if (setBack <= 0) return at;
  const earlier = new CronDate(at - setBack, timezone);
  const sameWallClock =
    earlier.getFullYear() === occurrence.getFullYear() &&
    earlier.getMonth() === occurrence.getMonth() &&
    earlier.getDate() === occurrence.getDate() &&
    earlier.getHours() === occurrence.getHours() &&
    earlier.getMinutes() === occurrence.getMinutes() &&
    earlier.getSeconds() === occurrence.getSeconds();
  return sameWallClock ? earlier.getTime() : at;
}

/**
 * A cron expression of 5 fields (minute first). Six fields (seconds first) are refused: a
 * schedule runs at most once a minute.
 */
export function isCronExpression(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (value.trim().split(/\s+/).length !== 5) return false;
  try {
    CronExpressionParser.parse(value, { strict: false });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name the runtime knows (`Europe/Paris`, `UTC`). */
export function isTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || value === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
