import { WorkerOptions } from 'bullmq';
import { RedisConfig, WorkerConfig } from '@app/config';
import { redisOptions } from './redis-connection';

/**
 * Options of every BullMQ worker of the process, from validated configuration: a job whose
 * worker dies is taken over once its lock expires, three times at most.
 */
export function workerOptions(redis: RedisConfig, config: WorkerConfig, concurrency: number): WorkerOptions {
  return {
    connection: redisOptions(redis.url),
    prefix: redis.prefix,
    concurrency,
    lockDuration: config.lockMs,
    stalledInterval: config.stalledIntervalMs,
    maxStalledCount: 3,
  };
}
