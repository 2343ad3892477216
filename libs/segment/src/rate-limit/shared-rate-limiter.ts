import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { RATE_CLASSES } from './rate-classes';

export interface RateLimiterOptions {
  /** Redis key prefix (one per deployment, and per test file). */
  prefix: string;
  /** Time scale for tests against a simulator that runs its clock faster (1 in production). */
  timeScale?: number;
}

/** What the client needs from a rate limiter: a slot before each request, a pause when told. */
export interface RequestRateLimiter {
  acquire(limits: TokenLimits, rateClass?: string): Promise<void>;
  pause(limits: TokenLimits, ms: number): Promise<void>;
}

export interface TokenLimits {
  /** Identifies the token without revealing it (a fingerprint). */
  tokenKey: string;
  perMinute: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Rate limits per Segment token, shared through Redis by every worker process: each request takes
 * a point from the token's default limit and from its endpoint class, waiting when a window is
 * spent. When Segment says it is exhausted (X-RateLimit-Remaining 0 or a 429) every worker pauses
 * until the time it gives.
 */
export class SharedRateLimiter implements RequestRateLimiter {
  private readonly limiters = new Map<string, RateLimiterRedis>();
  readonly waits = { count: 0, ms: 0 };

  constructor(
    private readonly redis: Redis,
    private readonly options: RateLimiterOptions,
  ) {}

  private limiter(name: string, points: number, perMs: number): RateLimiterRedis {
    const key = `${name}:${points}:${perMs}`;
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `${this.options.prefix}:rl:${name}`,
        points,
        duration: perMs / 1000 / (this.options.timeScale ?? 1),
      });
      this.limiters.set(key, limiter);
    }
    return limiter;
  }

  private pauseKey(tokenKey: string): string {
    return `${this.options.prefix}:rl:pause:${tokenKey}`;
  }

  /** Waits until one request of `rateClass` may be sent with this token. */
  async acquire(limits: TokenLimits, rateClass?: string): Promise<void> {
    const checks: RateLimiterRedis[] = [this.limiter('token', limits.perMinute, 60_000)];
    const cls = rateClass ? RATE_CLASSES[rateClass] : undefined;
    if (cls) checks.push(this.limiter(rateClass!, cls.points, cls.perMs));
    for (;;) {
      const paused = await this.redis.pttl(this.pauseKey(limits.tokenKey));
      if (paused > 0) {
        await this.wait(paused);
        continue;
      }
      let blockedFor = 0;
      for (const limiter of checks) {
        try {
          await limiter.consume(limits.tokenKey);
        } catch (rejection) {
          if (!(rejection instanceof RateLimiterRes)) throw rejection;
          blockedFor = Math.max(blockedFor, rejection.msBeforeNext);
          break;
        }
      }
      if (blockedFor === 0) return;
      // The points taken from earlier limiters in this round are spent; that errs towards fewer requests.
      await this.wait(blockedFor + 5);
    }
  }

  /** Every worker stops sending with this token for `ms`. */
  async pause(limits: TokenLimits, ms: number): Promise<void> {
    if (ms <= 0) return;
    const key = this.pauseKey(limits.tokenKey);
    const current = await this.redis.pttl(key);
    if (current < ms) await this.redis.set(key, '1', 'PX', Math.ceil(ms));
  }

  private async wait(ms: number): Promise<void> {
    this.waits.count++;
    this.waits.ms += ms;
    await sleep(ms);
  }
}
