import { RATE_CLASSES, serialRateClass } from './rate-classes';

describe('serialRateClass', () => {
  it('names the classes of a few requests a minute, which go one at a time', () => {
    expect(serialRateClass('subscriptions-write')).toBe('subscriptions-write');
    expect(serialRateClass('warehouse-sync')).toBe('warehouse-sync');
  });

  it('leaves faster classes, unknown classes and no class alone', () => {
    expect(serialRateClass('iam-write')).toBeUndefined();
    expect(serialRateClass('labels-write')).toBeUndefined();
    expect(serialRateClass('no-such-class')).toBeUndefined();
    expect(serialRateClass(undefined)).toBeUndefined();
  });

  it('only classes under ten requests a minute are serial', () => {
    for (const [name, limit] of Object.entries(RATE_CLASSES))
      expect([name, !!limit.serial]).toEqual([name, (limit.points * 60_000) / limit.perMs < 10]);
  });
});
