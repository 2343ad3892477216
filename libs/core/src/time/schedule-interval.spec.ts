import { clockChanges, scheduleGapUnder } from './schedule-interval';

const now = new Date('2026-12-02T00:00:00.000Z');
const MIN = 60_000;
const gap = (schedule: string, timezone: string, minMinutes = 15) => scheduleGapUnder(schedule, timezone, minMinutes * MIN, now);

describe('scheduleGapUnder', () => {
  it.each([
    ['*/15 * * * *', 'UTC'],
    ['*/15 * * * *', 'Europe/Paris'],
    ['*/15 * * * *', 'America/New_York'],
    ['*/15 * * * *', 'Antarctica/Troll'],
    ['0 2 * * *', 'Europe/Paris'],
    ['0 2 * * *', 'Australia/Lord_Howe'],
    ['30 1 * * *', 'America/New_York'],
    ['0,30 * * * *', 'Australia/Lord_Howe'],
    ['0 0,1 * * *', 'America/Havana'],
    ['55 23 * * *', 'UTC'],
    ['5,55 0,23 1 * *', 'UTC'],
    ['0 0 1 1 *', 'UTC'],
  ])('accepts %p in %s: runs at least 15 minutes apart', (schedule, timezone) => {
    expect(gap(schedule, timezone)).toBeUndefined();
  });

  it('finds the gap within a day', () => {
    expect(gap('*/5 * * * *', 'UTC')).toEqual({ minutes: 5, where: '00:00 and 00:05 each day it runs' });
    expect(gap('0,10 2 * * *', 'UTC')).toEqual({ minutes: 10, where: '02:00 and 02:10 each day it runs' });
    expect(gap('* * * * *', 'Europe/Paris')).toMatchObject({ minutes: 1 });
  });

  it('finds a gap on a day that comes once a year', () => {
    expect(gap('0,1 2 1 1 *', 'UTC')).toMatchObject({ minutes: 1 });
  });

  it('finds the gap across midnight when two days it runs follow each other', () => {
    expect(gap('5,55 0,23 * * *', 'UTC')).toEqual({ minutes: 10, where: '23:55 and 00:05 the next day' });
    // the 31st is followed by the 1st in seven months a year
    expect(gap('5,55 0,23 1,31 * *', 'UTC')).toEqual({ minutes: 10, where: '23:55 and 00:05 the next day' });
  });

  it('finds the gap a spring clock change makes (01:59 and 03:00 are one minute apart that night)', () => {
    expect(gap('59 1 * * *', 'UTC')).toBeUndefined();
    const found = gap('59 1,3 * * *', 'Europe/Paris', 90);
    expect(found).toEqual({
      minutes: 60,
      where: '2027-03-28T00:59:00.000Z and 2027-03-28T01:59:00.000Z, when the clock changes in Europe/Paris',
    });
    expect(gap('59 1,3 * * *', 'UTC', 90)).toBeUndefined();
  });

  it('finds the one-minute gap of 01:59 and 03:00 on the spring night, under the default minimum', () => {
    expect(gap('0,59 1,3 * * *', 'UTC')).toBeUndefined();
    expect(gap('0,59 1,3 * * *', 'Europe/Paris')).toEqual({
      minutes: 1,
      where: '2027-03-28T00:59:00.000Z and 2027-03-28T01:00:00.000Z, when the clock changes in Europe/Paris',
    });
  });

  it('keeps the pace of an hourly schedule through the hour autumn repeats', () => {
    expect(gap('0 * * * *', 'Europe/Paris', 60)).toBeUndefined();
  });

  it('respects the minimum it is given', () => {
    expect(gap('*/5 * * * *', 'UTC', 5)).toBeUndefined();
    expect(gap('0 * * * *', 'UTC', 61)).toEqual({ minutes: 60, where: '00:00 and 01:00 each day it runs' });
  });

  it('is quick: no walk over a year of runs', () => {
    const started = Date.now();
    gap('*/15 * * * *', 'Europe/Paris');
    gap('*/15 * * * *', 'America/New_York');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('throws on an invalid expression', () => {
    expect(() => gap('61 * * * *', 'UTC')).toThrow();
  });
});

describe('clockChanges', () => {
  it('finds the two changes of a year in Paris, to the minute', () => {
    expect(clockChanges('Europe/Paris', now.getTime()).map((c) => [new Date(c.at).toISOString(), c.shiftMs / 60_000])).toEqual([
      ['2027-03-28T01:00:00.000Z', 60],
      ['2027-10-31T01:00:00.000Z', 60],
    ]);
  });

  it('finds none in UTC', () => {
    expect(clockChanges('UTC', now.getTime())).toEqual([]);
  });
});
