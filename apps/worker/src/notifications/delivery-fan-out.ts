import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { channelMatches, OutboxNotifier } from '@app/application';
import { NotificationConfig } from '@app/config';
import {
  DELIVER_NOTIFICATION_JOB,
  DeliverNotificationJobData,
  NOTIFICATION_JOB_OPTIONS,
  NOTIFICATION_QUEUE,
  notificationJobId,
} from '@app/jobs';
import { NotificationChannelRepository, NotificationDeliveryRepository, NotificationEventRecord } from '@app/store';

/**
 * Turns each newly recorded notification event into one delivery per matching channel (enabled,
 * subscribed, global or of the event's workspace) and one queued job per delivery.
 */
@Injectable()
export class DeliveryFanOut implements OnModuleInit {
  constructor(
    private readonly outbox: OutboxNotifier,
    private readonly channels: NotificationChannelRepository,
    private readonly deliveries: NotificationDeliveryRepository,
    private readonly config: NotificationConfig,
    @InjectQueue(NOTIFICATION_QUEUE) private readonly jobs: Queue<DeliverNotificationJobData>,
  ) {}

  onModuleInit(): void {
    this.outbox.onRecorded(async (event) => {
      await this.fanOut(event);
    });
  }

  async fanOut(event: NotificationEventRecord): Promise<number> {
    // a channel made after the event was recorded never receives it (when a sweep fans out late)
    const matching = (await this.channels.candidates(event.workspaceId)).filter(
      (channel) => channelMatches(channel, event) && channel.createdAt <= event.recordedAt,
    );
    const pending = await this.deliveries.fanOut(
      event,
      matching.map((channel) => channel.id),
    );
    for (const deliveryId of pending) await this.queue(deliveryId);
    return pending.length;
  }

  /** Queues a delivery's job; a no-op when its job exists (the job id is the delivery's). */
  async queue(deliveryId: string): Promise<void> {
    await this.jobs.add(
      DELIVER_NOTIFICATION_JOB,
      { deliveryId },
      {
        ...NOTIFICATION_JOB_OPTIONS,
        jobId: notificationJobId(deliveryId),
        backoff: { type: 'exponential', delay: this.config.retryBaseMs },
      },
    );
  }
}
