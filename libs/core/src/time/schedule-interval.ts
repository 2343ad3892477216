import { CronDate, CronExpressionParser } from 'cron-parser';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Longer than any clock change in use (two hours at Antarctica/Troll). */
const CLOCK_CHANGE_MS = 3 * HOUR;
/** Clock changes are looked for this far ahead: every rule repeats within a year. */
const YEAR_MS = 366 * DAY;
/** Matching days read to find two that follow each other (dates, months and weekdays combined). */
const MAX_DAYS_READ = 500;

/** Two consecutive runs of a schedule closer than allowed. */
export interface ScheduleGap {
  /** The time between them, in whole minutes. */
  minutes: number;
  /** Where it happens, in words: `00:00 and 00:05 each day` or the instants around a clock change. */
  where: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (minuteOfDay: number) => `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`;
const offsetAt = (instant: number, timezone: string) => new CronDate(instant, timezone).getUTCOffset() * MINUTE;

/**
 * The shortest time between two consecutive runs of a 5-field schedule in a zone, when it is
 * under `minMs`; undefined when every two consecutive runs are at least `minMs` apart. Found by
 * reading the expression rather than walking its runs (cron-parser takes about a millisecond per
 * run): the gaps within a day (hours × minutes), across midnight when two matching days follow
 * each other, and across each clock change of the coming year that could bring a gap under the
 * minimum (a change shortens a gap by up to its size, in spring or in the hour autumn repeats),
 * where the runs themselves are walked. Throws on an invalid expression or zone.
 */
export function scheduleGapUnder(schedule: string, timezone: string, minMs: number, now: Date): ScheduleGap | undefined {
  const changes = clockChanges(timezone, now.getTime());
  const largestChange = Math.max(0, ...changes.map((c) => c.shiftMs));
  const wall = wallClockGap(schedule, now, minMs + largestChange);
  if (wall && wall.minutes * MINUTE < minMs) return wall;
  const wallMs = wall ? wall.minutes * MINUTE : Infinity;
  let best: ScheduleGap | undefined;
  for (const change of changes) {
    if (wallMs - change.shiftMs >= minMs) continue;
    const found = gapAroundChange(schedule, timezone, minMs, change.at);
    if (found && (!best || found.minutes < best.minutes)) best = found;
  }
  return best;
}

/**
 * The shortest gap on the wall clock (a day of 24 hours): within a day, or from one day's last run
 * to the next day's first when that is shorter than `overnightBelowMs` and two matching days
 * follow each other. Undefined when the schedule runs at most once a day and never two days running.
 */
function wallClockGap(schedule: string, now: Date, overnightBelowMs: number): ScheduleGap | undefined {
  const fields = CronExpressionParser.parse(schedule, { tz: 'UTC' }).fields;
  const times = fields.hour.values.flatMap((h) => fields.minute.values.map((m) => Number(h) * 60 + Number(m))).sort((a, b) => a - b);
  let best: ScheduleGap | undefined;
  for (let i = 1; i < times.length; i++) {
    const minutes = times[i]! - times[i - 1]!;
    if (!best || minutes < best.minutes) best = { minutes, where: `${clock(times[i - 1]!)} and ${clock(times[i]!)} each day it runs` };
  }
  const overnight = 1440 - times[times.length - 1]! + times[0]!;
  if (overnight * MINUTE < overnightBelowMs && (!best || overnight < best.minutes) && followingDays(schedule, now))
    best = { minutes: overnight, where: `${clock(times[times.length - 1]!)} and ${clock(times[0]!)} the next day` };
  return best;
}

/** Whether two days the schedule runs on follow each other (read in UTC: days are days) within four years. */
function followingDays(schedule: string, now: Date): boolean {
  const [, , date, month, weekday] = schedule.trim().split(/\s+/);
  const end = new Date(now.getTime() + 4 * YEAR_MS + DAY);
  const days = CronExpressionParser.parse(`0 0 ${date} ${month} ${weekday}`, { tz: 'UTC', currentDate: now, endDate: end });
  let previous = days.next().getTime();
  for (let read = 1; read < MAX_DAYS_READ && days.hasNext(); read++) {
    const next = days.next().getTime();
    if (next - previous === DAY) return true;
    previous = next;
  }
  return false;
}

/** Around a clock change, the runs themselves, as the worker will see them. */
function gapAroundChange(schedule: string, timezone: string, minMs: number, change: number): ScheduleGap | undefined {
  let runs: number[];
  try {
    runs = runsBetween(schedule, timezone, change - minMs - CLOCK_CHANGE_MS, change + minMs + CLOCK_CHANGE_MS);
  } catch {
    return undefined; // cron-parser gives up around some half-hour changes; the worker skips those windows too
  }
  let best: ScheduleGap | undefined;
  for (let i = 1; i < runs.length; i++) {
    const gap = runs[i]! - runs[i - 1]!;
    const minutes = Math.round(gap / MINUTE);
    if (gap > 0 && gap < minMs && (!best || minutes < best.minutes))
      best = {
        minutes,
        where: `${new Date(runs[i - 1]!).toISOString()} and ${new Date(runs[i]!).toISOString()}, when the clock changes in ${timezone}`,
      };
  }
  return best;
}

function runsBetween(schedule: string, timezone: string, from: number, to: number): number[] {
  const runs = CronExpressionParser.parse(schedule, { tz: timezone, currentDate: new Date(from) });
  const out: number[] = [];
  for (let next = runs.next().getTime(); next <= to; next = runs.next().getTime()) out.push(next);
  return out;
}

/** The instants (to the minute) the zone's offset changes within a year of `from`, and by how much. */
export function clockChanges(timezone: string, from: number): Array<{ at: number; shiftMs: number }> {
  const changes: Array<{ at: number; shiftMs: number }> = [];
  let offset = offsetAt(from, timezone);
  for (let day = from + DAY; day <= from + YEAR_MS; day += DAY) {
    const next = offsetAt(day, timezone);
    if (next === offset) continue;
    // the last minute still at the old offset, found by halving the day
    let low = day - DAY;
    let high = day;
    while (high - low > MINUTE) {
      const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
      if (offsetAt(middle, timezone) === offset) low = middle;
      else high = middle;
    }
    changes.push({ at: high, shiftMs: Math.abs(next - offset) });
    offset = next;
  }
  return changes;
}
