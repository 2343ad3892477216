/**
 * Per-endpoint limits Segment documents (v73 `rateLimit`, RESOURCES.md §1), by class. Every
 * request also counts against the token's default limit.
 */
export interface RateClassLimit {
  points: number;
  perMs: number;
}

const MINUTE = 60_000;

export const RATE_CLASSES: Record<string, RateClassLimit> = {
  'tracking-plan-rules-read': { points: 200, perMs: MINUTE },
  'subscriptions-write': { points: 5, perMs: MINUTE },
  'iam-write': { points: 60, perMs: MINUTE },
  'labels-write': { points: 60, perMs: MINUTE },
  'warehouse-sync': { points: 2, perMs: MINUTE },
};

export const DEFAULT_CLASS = 'default';
