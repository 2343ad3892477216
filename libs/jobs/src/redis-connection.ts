import { Redis } from 'ioredis';

export interface RedisConnectionOptions {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db: number;
  tls?: Record<string, never>;
  maxRetriesPerRequest: null;
}

/** Connection options from a redis:// URL; BullMQ workers need `maxRetriesPerRequest: null`. */
export function redisOptions(url: string): RedisConnectionOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

/**
 * A client for locks and rate limits. Auto-pipelining sends the commands issued in one tick in
 * one write: a snapshot asks the rate limiter before each of thousands of requests.
 */
export function createRedis(url: string): Redis {
  return new Redis({ ...redisOptions(url), enableAutoPipelining: true });
}
