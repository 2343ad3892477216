import { ValidationError } from '../errors';
import { describeAt, parseAt } from './at';

/** The ValidationError parseAt throws for a value, or fails the test. */
function rejection(value: string, field?: string): ValidationError {
  try {
    parseAt(value, field);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error(`parseAt accepted '${value}'`);
}

describe('parseAt', () => {
  it('means the latest snapshot when absent, empty or "latest"', () => {
    expect(parseAt(undefined)).toEqual({ latest: true });
    expect(parseAt('')).toEqual({ latest: true });
    expect(parseAt('latest')).toEqual({ latest: true });
  });

  it('reads a positive integer as a version', () => {
    expect(parseAt('1')).toEqual({ version: 1 });
    expect(parseAt('42')).toEqual({ version: 42 });
    expect(parseAt('007')).toEqual({ version: 7 });
    expect(parseAt('2147483647')).toEqual({ version: 2147483647 });
  });

  it('refuses version 0 and versions beyond what a stream can hold (32-bit: Postgres would refuse them with a 500)', () => {
    expect(rejection('2147483648').field).toBe('at');
    expect(rejection('0').message).toBe("at must be a version from 1 to 2147483647, an ISO-8601 instant or 'latest'");
    expect(rejection('000').field).toBe('at');
    expect(rejection('9007199254740993').field).toBe('at');
  });

  it('reads an ISO-8601 instant with a zone as that instant', () => {
    expect(parseAt('2026-11-26T02:00:00Z')).toEqual({ time: new Date(Date.UTC(2026, 10, 26, 2)) });
    expect(parseAt('2026-11-26T02:00:00.250Z')).toEqual({ time: new Date(Date.UTC(2026, 10, 26, 2, 0, 0, 250)) });
    expect(parseAt('2026-11-26T02:00Z')).toEqual({ time: new Date(Date.UTC(2026, 10, 26, 2)) });
    expect(parseAt('2026-11-26T04:00:00+02:00')).toEqual({ time: new Date(Date.UTC(2026, 10, 26, 2)) });
    expect(parseAt('2026-11-25T21:00:00-0500')).toEqual({ time: new Date(Date.UTC(2026, 10, 26, 2)) });
  });

  it('reads a date alone as midnight UTC', () => {
    expect(parseAt('2026-11-26')).toEqual({ time: new Date(Date.UTC(2026, 10, 26)) });
  });

  it('returns a real Date for an instant', () => {
    const at = parseAt('2026-01-02T03:04:05Z');
    expect('time' in at && at.time instanceof Date).toBe(true);
  });

  it.each([
    ['a word', 'yesterday'],
    ['a negative number', '-1'],
    ['a decimal', '1.5'],
    ['a number with spaces', ' 3 '],
    ['a mis-cased keyword', 'LATEST'],
    ['a non-ISO date', '26/11/2026'],
    ['a month without a day', '2026-11'],
    ['an impossible month', '2026-13-01'],
    ['an impossible day, which Date.parse would roll over', '2026-02-30'],
    ['an impossible day with a time', '2026-02-30T00:00:00Z'],
    ['a date-time without a zone, which would depend on the server', '2026-11-26T02:00'],
    ['an impossible hour', '2026-11-26T25:00:00Z'],
    ['an impossible second', '2026-11-26T02:00:60Z'],
    ['a date with text after it', '2026-11-26 and more'],
    ['a space instead of T', '2026-11-26 02:00:00Z'],
    ['a timestamp in epoch milliseconds with a sign', '+1795658400000'],
  ])('refuses %s with a 400-style error naming the field and the value', (_name, value) => {
    const error = rejection(value);
    expect(error.code).toBe('VALIDATION');
    expect(error.field).toBe('at');
    expect(error.details).toEqual({ field: 'at' });
    expect(error.message).toBe(
      `at must be a version number, an ISO-8601 instant with its zone (e.g. 2026-11-26T02:00:00Z) or 'latest'; got '${value}'`,
    );
  });

  it('names the field it was given in the error', () => {
    const error = rejection('soon', 'from');
    expect(error.field).toBe('from');
    expect(error.details).toEqual({ field: 'from' });
    expect(error.message).toMatch(/^from must be /);
    expect(error.message).toContain("got 'soon'");
    expect(rejection('0', 'to').message).toBe("to must be a version from 1 to 2147483647, an ISO-8601 instant or 'latest'");
  });

  it('an all-digit value is always a version, never a year', () => {
    expect(parseAt('2026')).toEqual({ version: 2026 });
  });
});

describe('describeAt', () => {
  it('describes each kind of point in history', () => {
    expect(describeAt({ latest: true })).toBe('latest');
    expect(describeAt({ version: 3 })).toBe('version 3');
    expect(describeAt({ time: new Date(Date.UTC(2026, 10, 26, 2)) })).toBe('2026-11-26T02:00:00.000Z');
  });

  it('describes what parseAt read', () => {
    const cases: Array<[string | undefined, string]> = [
      [undefined, 'latest'],
      ['12', 'version 12'],
      ['2026-11-26T04:00:00+02:00', '2026-11-26T02:00:00.000Z'],
    ];
    for (const [input, text] of cases) expect(describeAt(parseAt(input))).toBe(text);
  });
});
