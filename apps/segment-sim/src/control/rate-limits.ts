import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { EndpointRateLimit } from '../http/route';

export interface RateLimitSettings {
  enabled: boolean;
  /** Default requests per minute per token. Segment publishes none; 600/min is a third-party claim. */
  perMinute: number;
  /** 60 makes a "minute" last one second, so tests need not wait. */
  timeScale: number;
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  consumed: number;
  remaining: number;
  msBeforeNext: number;
}

/**
 * Fixed-window limits like Segment's (its 429 body is exactly rate-limiter-flexible's result:
 * msBeforeNext, remainingPoints, consumedPoints): a default limit per token and the lower
 * documented limits per endpoint and token.
 */
export class RateLimits {
  private defaultLimiter!: RateLimiterMemory;
  private readonly endpointLimiters = new Map<string, RateLimiterMemory>();

  constructor(private settingsValue: RateLimitSettings) {
    this.rebuild();
  }

  get settings(): RateLimitSettings {
    return { ...this.settingsValue };
  }

  update(patch: Partial<RateLimitSettings>): void {
    this.settingsValue = { ...this.settingsValue, ...patch };
    this.rebuild();
  }

  private rebuild(): void {
    this.defaultLimiter = new RateLimiterMemory({ points: this.settingsValue.perMinute, duration: 60 / this.settingsValue.timeScale });
    this.endpointLimiters.clear();
  }

  private endpointLimiter(operationId: string, limit: EndpointRateLimit): RateLimiterMemory {
    let limiter = this.endpointLimiters.get(operationId);
    if (!limiter) {
      const seconds = limit.per === 'minute' ? 60 : 86400;
      limiter = new RateLimiterMemory({ points: limit.points, duration: seconds / this.settingsValue.timeScale, keyPrefix: operationId });
      this.endpointLimiters.set(operationId, limiter);
    }
    return limiter;
  }

  /** Consumes one point from every limit that applies; reports the most restrictive one. */
  async consume(token: string, operationId: string, endpointLimit?: EndpointRateLimit): Promise<RateDecision | null> {
    if (!this.settingsValue.enabled) return null;
    const checks: Array<[RateLimiterMemory, number]> = [[this.defaultLimiter, this.settingsValue.perMinute]];
    if (endpointLimit) checks.push([this.endpointLimiter(operationId, endpointLimit), endpointLimit.points]);
    let tightest: RateDecision | null = null;
    for (const [limiter, limit] of checks) {
      const decision = await limiter.consume(token).then(
        (res) => toDecision(res, limit, true),
        (res: unknown) => {
          if (res instanceof RateLimiterRes) return toDecision(res, limit, false);
          throw res;
        },
      );
      if (!decision.allowed) return decision;
      if (!tightest || decision.remaining < tightest.remaining) tightest = decision;
    }
    return tightest;
  }
}

function toDecision(res: RateLimiterRes, limit: number, allowed: boolean): RateDecision {
  return { allowed, limit, consumed: res.consumedPoints, remaining: Math.max(0, res.remainingPoints), msBeforeNext: res.msBeforeNext };
}
