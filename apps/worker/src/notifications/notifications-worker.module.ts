import { Module } from '@nestjs/common';
import { ApplicationModule } from '@app/application';
import { JobsModule } from '@app/jobs';
import { DeliveryFanOut } from './delivery-fan-out';
import { DeliverySweep } from './delivery-sweep';
import { DeliveryWorker } from './delivery.worker';
import { Notices } from './notices';
import { ChannelSenders } from './senders';

/** Notifications in the worker: what it announces (Notices), the fan-out to channels, the delivery jobs and
 * the sweep that finds deliveries a crash left behind. */
@Module({
  imports: [JobsModule, ApplicationModule],
  providers: [Notices, DeliveryFanOut, DeliverySweep, DeliveryWorker, ChannelSenders],
  exports: [Notices],
})
export class NotificationsWorkerModule {}
