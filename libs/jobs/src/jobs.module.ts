import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { RedisConfig } from '@app/config';
import { NOTIFICATION_JOB_OPTIONS, NOTIFICATION_QUEUE, PLAN_JOB_OPTIONS, PLAN_QUEUE, SNAPSHOT_JOB_OPTIONS, SNAPSHOT_QUEUE } from './queues';
import { PlanRequester } from './plan-requester';
import { redisOptions } from './redis-connection';
import { RedisProvider, RedisShutdown } from './redis.provider';
import { SnapshotQueue } from './snapshot-queue';

/** BullMQ on Redis, every key under REDIS_PREFIX; the queues producers add to. Nothing here reads or writes the database. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [RedisConfig],
      useFactory: (redis: RedisConfig) => ({ connection: redisOptions(redis.url), prefix: redis.prefix }),
    }),
    BullModule.registerQueue({ name: SNAPSHOT_QUEUE, defaultJobOptions: SNAPSHOT_JOB_OPTIONS }),
    BullModule.registerQueue({ name: PLAN_QUEUE, defaultJobOptions: PLAN_JOB_OPTIONS }),
    BullModule.registerQueue({ name: NOTIFICATION_QUEUE, defaultJobOptions: NOTIFICATION_JOB_OPTIONS }),
  ],
  providers: [RedisProvider, RedisShutdown, SnapshotQueue, PlanRequester],
  exports: [BullModule, RedisProvider, SnapshotQueue, PlanRequester],
})
export class JobsModule {}
