import { Expose } from 'class-transformer';
import { IsString, Matches } from 'class-validator';

export class RedisConfig {
  @Expose({ name: 'REDIS_URL' })
  @IsString()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  url = 'redis://127.0.0.1:6379';

  /** Prefix of every key: queues, locks and rate limits (one per deployment or test file). */
  @Expose({ name: 'REDIS_PREFIX' })
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'REDIS_PREFIX must be 1–64 letters, digits, ".", "_" or "-"' })
  prefix = 'sbk';
}
