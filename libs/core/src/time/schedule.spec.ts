import { isCronExpression, isTimeZone, lastOccurrence } from './schedule';

const at = (iso: string) => new Date(iso);
const last = (schedule: string, timezone: string, now: string) => lastOccurrence(schedule, timezone, at(now)).toISOString();

describe('lastOccurrence', () => {
  describe("nightly '0 2 * * *' in UTC", () => {
    it('later the same day: that night', () => {
      expect(last('0 2 * * *', 'UTC', '2024-03-10T12:00:00.000Z')).toBe('2024-03-10T02:00:00.000Z');
      expect(last('0 2 * * *', 'UTC', '2024-03-10T23:59:59.999Z')).toBe('2024-03-10T02:00:00.000Z');
    });

    it('just before the time: the night before', () => {
      expect(last('0 2 * * *', 'UTC', '2024-03-10T01:59:59.999Z')).toBe('2024-03-09T02:00:00.000Z');
      expect(last('0 2 * * *', 'UTC', '2024-03-01T00:00:00.000Z')).toBe('2024-02-29T02:00:00.000Z');
    });

    it('exactly at the occurrence: that instant', () => {
      expect(last('0 2 * * *', 'UTC', '2024-03-10T02:00:00.000Z')).toBe('2024-03-10T02:00:00.000Z');
    });

    it('within the same second after it: still that instant', () => {
      expect(last('0 2 * * *', 'UTC', '2024-03-10T02:00:00.999Z')).toBe('2024-03-10T02:00:00.000Z');
    });

    it('crosses years', () => {
      expect(last('0 2 * * *', 'UTC', '2025-01-01T01:00:00.000Z')).toBe('2024-12-31T02:00:00.000Z');
    });
  });

  describe("nightly '0 2 * * *' in America/New_York", () => {
    const NY = 'America/New_York';

    it('02:00 EST is 07:00Z in winter', () => {
      expect(last('0 2 * * *', NY, '2024-03-09T12:00:00.000Z')).toBe('2024-03-09T07:00:00.000Z');
      expect(last('0 2 * * *', NY, '2024-03-09T07:00:00.000Z')).toBe('2024-03-09T07:00:00.000Z');
      expect(last('0 2 * * *', NY, '2024-03-09T06:59:59.000Z')).toBe('2024-03-08T07:00:00.000Z');
    });

    it('02:00 EDT is 06:00Z after the spring change', () => {
      expect(last('0 2 * * *', NY, '2024-03-11T12:00:00.000Z')).toBe('2024-03-11T06:00:00.000Z');
      expect(last('0 2 * * *', NY, '2024-03-11T06:00:00.000Z')).toBe('2024-03-11T06:00:00.000Z');
    });

    it('on the spring change 02:00 does not exist: that night runs at 03:00 EDT (07:00Z), as cron does', () => {
      expect(last('0 2 * * *', NY, '2024-03-10T12:00:00.000Z')).toBe('2024-03-10T07:00:00.000Z');
      expect(last('0 2 * * *', NY, '2024-03-10T06:59:00.000Z')).toBe('2024-03-09T07:00:00.000Z');
    });

    it('an ambiguous autumn time (01:30 happens twice) runs once, at its first occurrence', () => {
      expect(last('30 1 * * *', NY, '2024-11-03T12:00:00.000Z')).toBe('2024-11-03T05:30:00.000Z');
    });

    it('on the autumn change (01:00–02:00 happens twice) 02:00 EST happens once, at 07:00Z', () => {
      expect(last('0 2 * * *', NY, '2024-11-02T12:00:00.000Z')).toBe('2024-11-02T06:00:00.000Z');
      expect(last('0 2 * * *', NY, '2024-11-03T12:00:00.000Z')).toBe('2024-11-03T07:00:00.000Z');
      expect(last('0 2 * * *', NY, '2024-11-03T07:00:00.000Z')).toBe('2024-11-03T07:00:00.000Z');
      expect(last('0 2 * * *', NY, '2024-11-04T12:00:00.000Z')).toBe('2024-11-04T07:00:00.000Z');
    });

    it('is the same wall-clock time in the zone, not in UTC', () => {
      // 2024-06-15T05:00Z is 01:00 EDT: the 02:00 of that day has not come yet.
      expect(last('0 2 * * *', NY, '2024-06-15T05:00:00.000Z')).toBe('2024-06-14T06:00:00.000Z');
      expect(last('0 2 * * *', 'UTC', '2024-06-15T05:00:00.000Z')).toBe('2024-06-15T02:00:00.000Z');
    });
  });

  describe('other schedules', () => {
    it('every 15 minutes', () => {
      expect(last('*/15 * * * *', 'UTC', '2024-05-01T10:44:59.000Z')).toBe('2024-05-01T10:30:00.000Z');
      expect(last('*/15 * * * *', 'UTC', '2024-05-01T10:45:00.000Z')).toBe('2024-05-01T10:45:00.000Z');
    });

    it('monthly at midnight in Berlin (CEST, UTC+2)', () => {
      expect(last('0 0 1 * *', 'Europe/Berlin', '2024-05-15T00:00:00.000Z')).toBe('2024-04-30T22:00:00.000Z');
    });

    it('weekly on Sundays at 03:30 in Tokyo (no DST)', () => {
      // 2024-05-15 is a Wednesday; the Sunday before is the 12th, 03:30 JST = 18:30Z on the 11th.
      expect(last('30 3 * * 0', 'Asia/Tokyo', '2024-05-15T00:00:00.000Z')).toBe('2024-05-11T18:30:00.000Z');
    });

    it('a six-field expression with seconds', () => {
      expect(last('30 0 2 * * *', 'UTC', '2024-03-10T02:00:29.000Z')).toBe('2024-03-09T02:00:30.000Z');
      expect(last('30 0 2 * * *', 'UTC', '2024-03-10T02:00:30.000Z')).toBe('2024-03-10T02:00:30.000Z');
    });

    it('every second: the current second', () => {
      expect(last('* * * * * *', 'UTC', '2024-05-01T10:44:59.750Z')).toBe('2024-05-01T10:44:59.000Z');
    });

    it('on an ordinary day in a half-hour zone (Lord Howe, UTC+10:30)', () => {
      expect(last('0 2 * * *', 'Australia/Lord_Howe', '2024-06-15T00:00:00.000Z')).toBe('2024-06-14T15:30:00.000Z');
    });

    it('an invalid expression throws', () => {
      expect(() => lastOccurrence('not a cron', 'UTC', new Date())).toThrow();
    });

    it('an unknown time zone throws', () => {
      expect(() => lastOccurrence('0 2 * * *', 'Mars/Olympus_Mons', new Date())).toThrow();
    });
  });

  describe('clock changes east of UTC (Europe/Paris, changes at 01:00Z)', () => {
    const PARIS = 'Europe/Paris';

    it('spring: 02:00 does not exist, so that night runs at 03:00 CEST (01:00Z); 02:30 at 03:30', () => {
      expect(last('0 2 * * *', PARIS, '2024-03-31T12:00:00.000Z')).toBe('2024-03-31T01:00:00.000Z');
      expect(last('30 2 * * *', PARIS, '2024-03-31T12:00:00.000Z')).toBe('2024-03-31T01:30:00.000Z');
      expect(last('0 2 * * *', PARIS, '2024-03-31T00:59:00.000Z')).toBe('2024-03-30T01:00:00.000Z');
    });

    it('autumn: 02:00–03:00 happens twice; 02:00 runs at its first occurrence (00:00Z), and only then', () => {
      expect(last('0 2 * * *', PARIS, '2024-10-27T00:30:00.000Z')).toBe('2024-10-27T00:00:00.000Z');
      expect(last('0 2 * * *', PARIS, '2024-10-27T01:30:00.000Z')).toBe('2024-10-27T00:00:00.000Z');
      expect(last('30 2 * * *', PARIS, '2024-10-27T12:00:00.000Z')).toBe('2024-10-27T00:30:00.000Z');
      expect(last('0 2 * * *', PARIS, '2024-10-28T12:00:00.000Z')).toBe('2024-10-28T01:00:00.000Z');
    });
  });

  describe('other clock changes', () => {
    it('Sydney autumn (April): 02:00 AEDT, the first of the two', () => {
      expect(last('0 2 * * *', 'Australia/Sydney', '2024-04-06T16:30:00.000Z')).toBe('2024-04-06T15:00:00.000Z');
    });

    it('Santiago skips midnight in spring: a midnight schedule runs at 01:00 -03', () => {
      expect(last('0 0 * * *', 'America/Santiago', '2024-09-08T05:00:00.000Z')).toBe('2024-09-08T04:00:00.000Z');
      expect(last('0 0 * * *', 'America/Santiago', '2024-09-07T12:00:00.000Z')).toBe('2024-09-07T04:00:00.000Z');
    });

    it('a schedule over every hour keeps its pace through the repeated hour, as cron does', () => {
      const NY = 'America/New_York';
      // 05:00Z is 01:00 EDT, 06:00Z is 01:00 EST: both are real instants 20 minutes apart from their neighbours
      expect(last('*/20 * * * *', NY, '2024-11-03T05:40:00.000Z')).toBe('2024-11-03T05:40:00.000Z');
      expect(last('*/20 * * * *', NY, '2024-11-03T06:00:00.000Z')).toBe('2024-11-03T06:00:00.000Z');
      expect(last('*/20 * * * *', NY, '2024-11-03T06:30:00.000Z')).toBe('2024-11-03T06:20:00.000Z');
    });

    it('Havana repeats midnight in autumn: a midnight schedule runs at the first midnight only', () => {
      // 00:00 CDT is 04:00Z; the clock goes back at 01:00 CDT (05:00Z) to 00:00 CST
      expect(last('0 0 * * *', 'America/Havana', '2024-11-03T04:30:00.000Z')).toBe('2024-11-03T04:00:00.000Z');
      expect(last('0 0 * * *', 'America/Havana', '2024-11-03T05:30:00.000Z')).toBe('2024-11-03T04:00:00.000Z');
    });

    it('a schedule within the repeated hour runs in its first pass only', () => {
      expect(last('*/15 1 * * *', 'America/New_York', '2024-11-03T06:20:00.000Z')).toBe('2024-11-03T05:45:00.000Z');
    });
  });

  describe('as time passes through a clock change', () => {
    const walk = (schedule: string, timezone: string, from: string, to: string) => {
      const windows: number[] = [];
      for (let t = Date.parse(from); t <= Date.parse(to); t += 15 * 60_000)
        windows.push(lastOccurrence(schedule, timezone, new Date(t)).getTime());
      return windows;
    };

    it.each([
      ['0 2 * * *', 'America/New_York', '2024-11-02T18:00:00Z', '2024-11-04T08:00:00Z', 2],
      ['30 1 * * *', 'America/New_York', '2024-11-02T18:00:00Z', '2024-11-04T08:00:00Z', 2],
      ['0 2 * * *', 'America/New_York', '2024-03-09T18:00:00Z', '2024-03-11T08:00:00Z', 2],
      ['0 2 * * *', 'Europe/Paris', '2024-10-26T12:00:00Z', '2024-10-28T02:00:00Z', 2],
      ['30 2 * * *', 'Europe/Paris', '2024-03-30T12:00:00Z', '2024-04-01T02:00:00Z', 2],
      ['0 0 * * *', 'America/Santiago', '2024-09-07T12:00:00Z', '2024-09-09T06:00:00Z', 2],
      ['0 0 * * *', 'America/Havana', '2024-11-02T12:00:00Z', '2024-11-04T06:00:00Z', 2],
    ])('%s in %s fires once a night, and the window never goes back (%s to %s)', (schedule, timezone, from, to, nights) => {
      const windows = walk(schedule, timezone, from, to);
      windows.forEach((window, i) => i > 0 && expect(window).toBeGreaterThanOrEqual(windows[i - 1]!));
      // the window at `from` plus one per night that followed
      expect(new Set(windows).size).toBe(nights + 1);
    });
  });
});

describe('isCronExpression', () => {
  it.each(['0 2 * * *', '*/15 * * * *', '0 0 1 * MON', ' 0 2 * * * '])('accepts %p', (value) => {
    expect(isCronExpression(value)).toBe(true);
  });

  it.each([
    ['not a cron'],
    ['0 2 * *'],
    ['30 0 2 * * *'],
    ['*/10 * * * * *'],
    ['0 0 2 * * * *'],
    ['61 2 * * *'],
    ['0 25 * * *'],
    [''],
    [42],
    [null],
  ])('refuses %p', (value) => {
    expect(isCronExpression(value)).toBe(false);
  });
});

describe('isTimeZone', () => {
  it.each(['UTC', 'Europe/Paris', 'America/New_York', 'Australia/Lord_Howe'])('accepts %p', (value) => {
    expect(isTimeZone(value)).toBe(true);
  });

  it.each([['Mars/Olympus_Mons'], [''], ['+02:00x'], [3], [undefined]])('refuses %p', (value) => {
    expect(isTimeZone(value)).toBe(false);
  });
});
