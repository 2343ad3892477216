import { EnvText } from './env';

export class RedisConfig {
  @EnvText('REDIS_URL', { pattern: /^rediss?:\/\//, describe: 'a redis:// URL' })
  url = 'redis://127.0.0.1:6379';

  /** Prefix of every key: queues, locks and rate limits (one per deployment or test file). */
  @EnvText('REDIS_PREFIX', { pattern: /^[A-Za-z0-9_.-]{1,64}$/, describe: '1–64 letters, digits, ".", "_" or "-"' })
  prefix = 'sbk';
}
