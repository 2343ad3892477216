import { Inject, Injectable, OnModuleDestroy, Provider } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RedisConfig } from '@app/config';
import { createRedis } from './redis-connection';

/** The process's ioredis client for locks and rate limits (BullMQ opens its own). */
export const REDIS = Symbol('REDIS');

export const RedisProvider: Provider = {
  provide: REDIS,
  inject: [RedisConfig],
  useFactory: (config: RedisConfig) => createRedis(config.url),
};

@Injectable()
export class RedisShutdown implements OnModuleDestroy {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
