import { lastOccurrence } from './snapshot.schedule';

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

    it('an invalid expression throws', () => {
      expect(() => lastOccurrence('not a cron', 'UTC', new Date())).toThrow();
    });
  });
});
