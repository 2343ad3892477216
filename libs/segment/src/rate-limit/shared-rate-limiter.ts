import type { Redis, Result } from 'ioredis';
import { RATE_CLASSES } from './rate-classes';

export interface RateLimiterOptions {
  /** Redis key prefix (one per deployment, and per test file). */
  prefix: string;
  /** Time scale for tests against a simulator that runs its clock faster (1 in production). */
  timeScale?: number;
  /** Called with Redis's time (ms) of every slot granted: for metrics and tests. */
  onGrant?: (at: number, tokenKey: string, rateClass?: string) => void;
}

export interface TokenLimits {
  /** Identifies the token without revealing it (a fingerprint). */
  tokenKey: string;
  perMinute: number;
}

/** What the client needs from a rate limiter: a slot before each request, a pause when told. */
export interface RequestRateLimiter {
  acquire(limits: TokenLimits, rateClass?: string): Promise<void>;
  pause(limits: TokenLimits, ms: number): Promise<void>;
}

/**
 * Sliding-window log: KEYS[i] holds the times of the requests sent in the last ARGV[2i] ms, at
 * most ARGV[2i-1] of them; the last key is the token's pause (set when Segment says "stop").
 * Takes up to ARGV[#ARGV - 1] slots — as many as every window has room for — recording them
 * under members prefixed ARGV[#ARGV]. Returns {slots taken, ms to wait when none, now}. Times
 * come from Redis's clock, so that workers on different machines agree. A sliding window holds
 * the limit over any interval — Segment's fixed windows, whatever their phase, included — and
 * still allows the full rate.
 */
const TAKE = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local paused = redis.call('PTTL', KEYS[#KEYS])
if paused > 0 then return {0, paused, now} end
local room = tonumber(ARGV[#ARGV - 1])
local wait = 0
for i = 1, #KEYS - 1 do
  local limit = tonumber(ARGV[2 * i - 1])
  local window = tonumber(ARGV[2 * i])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  local free = limit - redis.call('ZCARD', KEYS[i])
  if free <= 0 then
    local oldest = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
    wait = math.max(wait, tonumber(oldest[2]) + window - now)
  end
  room = math.min(room, free)
end
if wait > 0 or room <= 0 then return {0, math.max(wait, 1), now} end
for i = 1, #KEYS - 1 do
  for n = 1, room do redis.call('ZADD', KEYS[i], now, ARGV[#ARGV] .. ':' .. n) end
  redis.call('PEXPIRE', KEYS[i], ARGV[2 * i])
end
return {room, 0, now}`;

const COMMAND = 'sbkRateTake';
/** Connections the script is defined on. */
const SCRIPTED = new WeakSet<Redis>();

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /** The TAKE script, defined on each connection by the first SharedRateLimiter that uses it. */
    sbkRateTake(numberOfKeys: number, ...keysThenArgs: Array<string | number>): Result<[number, number, number], Context>;
  }
}
const MAX_BATCH = 32;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let sequence = 0;

interface Pool {
  keys: string[];
  args: number[];
  waiters: Array<() => void>;
  filling: boolean;
}

/**
 * Rate limits per Segment token, shared through Redis by every worker process: each request takes
 * a slot from the token's default limit and from its endpoint class, waiting while a window is
 * full. When Segment says it is exhausted (X-RateLimit-Remaining 0 or a 429) every worker pauses
 * until the time it gives. Requests waiting together in one process are granted in one round
 * trip, so a snapshot's thousands of requests do not each pay for one.
 */
export class SharedRateLimiter implements RequestRateLimiter {
  readonly waits = { count: 0, ms: 0 };
  private readonly pools = new Map<string, Pool>();
  constructor(
    private readonly redis: Redis,
    private readonly options: RateLimiterOptions,
  ) {
    // EVALSHA after the first call: the script is sent once per connection, not per request
    if (!SCRIPTED.has(redis)) {
      redis.defineCommand(COMMAND, { lua: TAKE });
      SCRIPTED.add(redis);
    }
  }

  private take(keys: string[], args: Array<string | number>): Promise<[number, number, number]> {
    return this.redis.sbkRateTake(keys.length, ...keys, ...args);
  }

  private pauseKey(tokenKey: string): string {
    return `${this.options.prefix}:rl:pause:${tokenKey}`;
  }

  private pool(limits: TokenLimits, rateClass?: string): Pool {
    const id = `${limits.tokenKey}|${limits.perMinute}|${rateClass ?? ''}`;
    let pool = this.pools.get(id);
    if (!pool) {
      const scale = this.options.timeScale ?? 1;
      const windows: Array<[string, number, number]> = [[`${this.options.prefix}:rl:token:${limits.tokenKey}`, limits.perMinute, 60_000]];
      const cls = rateClass ? RATE_CLASSES[rateClass] : undefined;
      if (cls) windows.push([`${this.options.prefix}:rl:${rateClass}:${limits.tokenKey}`, cls.points, cls.perMs]);
      pool = {
        keys: [...windows.map(([key]) => key), this.pauseKey(limits.tokenKey)],
        args: windows.flatMap(([, points, ms]) => [points, Math.max(1, Math.round(ms / scale))]),
        waiters: [],
        filling: false,
      };
      this.pools.set(id, pool);
    }
    return pool;
  }

  /** Waits until one request of `rateClass` may be sent with this token. */
  acquire(limits: TokenLimits, rateClass?: string): Promise<void> {
    const pool = this.pool(limits, rateClass);
    return new Promise<void>((resolve, reject) => {
      pool.waiters.push(resolve);
      if (!pool.filling)
        this.fill(pool, limits.tokenKey, rateClass).catch((error) => {
          // Redis failed: wake everyone waiting with the error rather than leaving them hanging.
          const waiting = pool.waiters.splice(0);
          waiting.forEach(() => reject(error));
        });
    });
  }

  /** Grants slots to the waiting requests, as many per round trip as are waiting. */
  private async fill(pool: Pool, tokenKey: string, rateClass?: string): Promise<void> {
    pool.filling = true;
    try {
      while (pool.waiters.length) {
        const wanted = Math.min(pool.waiters.length, MAX_BATCH);
        const member = `${process.pid}:${++sequence}:${Math.random().toString(36).slice(2, 8)}`;
        const [granted, wait, at] = (await this.take(pool.keys, [...pool.args, wanted, member])).map(Number) as [number, number, number];
        if (granted > 0) {
          for (const resolve of pool.waiters.splice(0, granted)) {
            this.options.onGrant?.(at, tokenKey, rateClass);
            resolve();
          }
        } else {
          await this.wait(wait + 2);
        }
      }
    } finally {
      pool.filling = false;
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
