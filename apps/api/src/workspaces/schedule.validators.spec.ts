import { ValidationError } from '@app/core';
import { checkScheduleInterval } from './schedule.validators';

const now = new Date('2026-12-02T00:00:00.000Z');
const refusal = (schedule: string, timezone: string, minMinutes = 15): ValidationError | undefined => {
  try {
    checkScheduleInterval(schedule, timezone, minMinutes, now);
    return undefined;
  } catch (error) {
    return error as ValidationError;
  }
};

describe('checkScheduleInterval', () => {
  it('accepts runs at least the minimum apart', () => {
    expect(refusal('*/15 * * * *', 'Europe/Paris')).toBeUndefined();
    expect(refusal('0 2 * * *', 'UTC', 1440)).toBeUndefined();
  });

  it('refuses closer runs with a 400 naming schedule, the gap found and the minimum', () => {
    const error = refusal('*/5 * * * *', 'UTC');
    expect(error).toBeInstanceOf(ValidationError);
    expect(error!.field).toBe('schedule');
    expect(error!.message).toBe(
      "schedule '*/5 * * * *' runs 5 minutes apart (00:00 and 00:05 each day it runs); runs must be at least 15 minutes apart (SCHEDULE_MIN_INTERVAL_MINUTES)",
    );
  });

  it('says so in one minute', () => {
    expect(refusal('0,59 1,3 * * *', 'Europe/Paris')!.message).toContain('runs 1 minute apart');
  });

  it('turns an expression or zone it cannot read into a 400 naming schedule, not a 500', () => {
    const error = refusal('*/15 * * * *', 'Mars/Olympus_Mons');
    expect(error).toBeInstanceOf(ValidationError);
    expect(error!.field).toBe('schedule');
  });
});
