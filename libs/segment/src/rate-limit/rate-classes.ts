/**
 * Per-endpoint limits Segment documents (v73 `rateLimit`, RESOURCES.md §1), by class. Every
 * request also counts against the token's default limit.
 */
export interface RateClassLimit {
  points: number;
  perMs: number;
  /**
   * A few requests a minute: writes of this class are applied one at a time, since running them
   * side by side only makes them wait on the limiter (and hold apply slots other steps could use).
   */
  serial?: boolean;
}

const MINUTE = 60_000;

export const RATE_CLASSES: Record<string, RateClassLimit> = {
  'tracking-plan-rules-read': { points: 200, perMs: MINUTE },
  'subscriptions-write': { points: 5, perMs: MINUTE, serial: true },
  'iam-write': { points: 60, perMs: MINUTE },
  'labels-write': { points: 60, perMs: MINUTE },
  'warehouse-sync': { points: 2, perMs: MINUTE, serial: true },
};

export const DEFAULT_CLASS = 'default';

/** The class itself when its requests go one at a time, otherwise undefined. */
export function serialRateClass(rateClass: string | undefined): string | undefined {
  return rateClass && RATE_CLASSES[rateClass]?.serial ? rateClass : undefined;
}
