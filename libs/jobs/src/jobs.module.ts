import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { RedisConfig } from '@app/config';
import { PLAN_JOB_OPTIONS, PLAN_QUEUE, SNAPSHOT_JOB_OPTIONS, SNAPSHOT_QUEUE } from './queues';
import { PlanRequester } from './plan-requester';
import { redisOptions } from './redis-connection';
import { RedisProvider, RedisShutdown } from './redis.provider';
import { SnapshotRequester } from './snapshot-requester';

/** BullMQ on Redis, every key under REDIS_PREFIX; the queues producers add to. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [RedisConfig],
      useFactory: (redis: RedisConfig) => ({ connection: redisOptions(redis.url), prefix: redis.prefix }),
    }),
    BullModule.registerQueue({ name: SNAPSHOT_QUEUE, defaultJobOptions: SNAPSHOT_JOB_OPTIONS }),
    BullModule.registerQueue({ name: PLAN_QUEUE, defaultJobOptions: PLAN_JOB_OPTIONS }),
  ],
  providers: [RedisProvider, RedisShutdown, SnapshotRequester, PlanRequester],
  exports: [BullModule, RedisProvider, SnapshotRequester, PlanRequester],
})
export class JobsModule {}
