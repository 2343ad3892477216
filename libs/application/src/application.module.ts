import { Module } from '@nestjs/common';
import { JobsModule } from '@app/jobs';
import { Notifier } from './notifications/notification-event';
import { OutboxNotifier } from './notifications/outbox-notifier';
import { SnapshotRequester } from './snapshots/snapshot-requester';

const USE_CASES = [SnapshotRequester];

/**
 * Use cases both processes run, which write to the store and queue a job together. The store is
 * global (StoreModule); the queues come from JobsModule.
 */
@Module({
  imports: [JobsModule],
  providers: [...USE_CASES, OutboxNotifier, { provide: Notifier, useExisting: OutboxNotifier }],
  exports: [...USE_CASES, OutboxNotifier, Notifier],
})
export class ApplicationModule {}
