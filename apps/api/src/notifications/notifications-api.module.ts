import { Module } from '@nestjs/common';
import { ChannelsService } from './channels.service';
import { DeliveriesService } from './deliveries.service';
import { NotificationsController } from './notifications.controller';

/** `/notifications/channels` and `/notifications/deliveries` (delivery itself is the worker's). */
@Module({
  controllers: [NotificationsController],
  providers: [ChannelsService, DeliveriesService],
})
export class NotificationsApiModule {}
