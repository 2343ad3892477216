import { Module } from '@nestjs/common';
import { ApplicationModule } from '@app/application';
import { JobsModule } from '@app/jobs';
import { DeliveryFanOut } from './delivery-fan-out';
import { DeliveryWorker } from './delivery.worker';
import { Notices } from './notices';
import { ChannelSenders } from './senders';

/** Notifications in the worker: what it announces (Notices), the fan-out to channels, the delivery jobs. */
@Module({
  imports: [JobsModule, ApplicationModule],
  providers: [Notices, DeliveryFanOut, DeliveryWorker, ChannelSenders],
  exports: [Notices],
})
export class NotificationsWorkerModule {}
