import { registerDecorator, ValidationOptions } from 'class-validator';
import { isCronExpression, isTimeZone, scheduleGapUnder, ValidationError } from '@app/core';

export function IsCron(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCron',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `${String(propertyName)} must be a cron expression of 5 fields: minute hour day month weekday (e.g. "0 2 * * *"); seconds are not allowed, a schedule runs at most once a minute`,
        ...options,
      },
      validator: { validate: isCronExpression },
    });
}

export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be an IANA time zone (e.g. "Europe/Paris")`, ...options },
      validator: { validate: isTimeZone },
    });
}

/**
 * Refuses a schedule whose runs come closer than the minimum anywhere in the coming year, clock
 * changes of its zone included: a 400 naming `schedule`, saying the minimum and what was found.
 */
export function checkScheduleInterval(schedule: string, timezone: string, minMinutes: number, now = new Date()): void {
  let gap: ReturnType<typeof scheduleGapUnder>;
  try {
    gap = scheduleGapUnder(schedule, timezone, minMinutes * 60_000, now);
  } catch (error) {
    throw new ValidationError('schedule', `schedule '${schedule}' cannot be read in ${timezone}: ${(error as Error).message}`);
  }
  if (!gap) return;
  const unit = (n: number) => `${n} minute${n === 1 ? '' : 's'}`;
  throw new ValidationError(
    'schedule',
    `schedule '${schedule}' runs ${unit(gap.minutes)} apart (${gap.where}); runs must be at least ${unit(minMinutes)} apart (SCHEDULE_MIN_INTERVAL_MINUTES)`,
  );
}
