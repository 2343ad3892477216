import { missedWindow } from './missed-window';

const hour = 3600_000;
const at = (iso: string) => new Date(iso);
const nightly = { schedule: '0 2 * * *', timezone: 'UTC', graceMs: hour, since: at('2026-11-01T00:00:00Z') };

describe('missedWindow', () => {
  it('names the window once its grace has passed with no snapshot completed since', () => {
    expect(missedWindow({ ...nightly, now: at('2026-12-02T03:00:01Z'), lastCompletedAt: at('2026-12-01T02:10:00Z') })).toEqual(
      at('2026-12-02T02:00:00Z'),
    );
  });

  it('says nothing while the window is still within its grace (the previous night was backed up)', () => {
    expect(missedWindow({ ...nightly, now: at('2026-12-02T02:59:59Z'), lastCompletedAt: at('2026-12-01T02:10:00Z') })).toBeUndefined();
  });

  it('at exactly the grace the window counts (the check is "at least grace old")', () => {
    expect(missedWindow({ ...nightly, now: at('2026-12-02T03:00:00Z'), lastCompletedAt: null })).toEqual(at('2026-12-02T02:00:00Z'));
  });

  it('says nothing when a snapshot (any trigger) completed at or after the window', () => {
    expect(missedWindow({ ...nightly, now: at('2026-12-02T10:00:00Z'), lastCompletedAt: at('2026-12-02T02:00:00Z') })).toBeUndefined();
    expect(missedWindow({ ...nightly, now: at('2026-12-02T10:00:00Z'), lastCompletedAt: at('2026-12-02T09:00:00Z') })).toBeUndefined();
  });

  it('answers the same window on every check until a snapshot completes, then the next missed one', () => {
    const checks = ['2026-12-02T04:00:00Z', '2026-12-02T12:00:00Z', '2026-12-03T02:30:00Z'].map((now) =>
      missedWindow({ ...nightly, now: at(now), lastCompletedAt: null })?.toISOString(),
    );
    expect(checks).toEqual(['2026-12-02T02:00:00.000Z', '2026-12-02T02:00:00.000Z', '2026-12-02T02:00:00.000Z']);
    expect(missedWindow({ ...nightly, now: at('2026-12-03T03:30:00Z'), lastCompletedAt: null })).toEqual(at('2026-12-03T02:00:00Z'));
  });

  it('never reports a window from before the workspace existed', () => {
    expect(missedWindow({ ...nightly, since: at('2026-12-02T02:30:00Z'), now: at('2026-12-02T20:00:00Z') })).toBeUndefined();
  });

  it("reads the window on the workspace's own clock", () => {
    const paris = { ...nightly, timezone: 'Europe/Paris' };
    expect(missedWindow({ ...paris, now: at('2026-12-02T02:30:00Z'), lastCompletedAt: null })).toEqual(at('2026-12-02T01:00:00Z'));
  });
});
