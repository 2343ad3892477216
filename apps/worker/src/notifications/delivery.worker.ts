import { Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { NotificationConfig, RedisConfig, WorkerConfig } from '@app/config';
import { DELIVER_NOTIFICATION_JOB, DeliverNotificationJobData, NOTIFICATION_JOB_OPTIONS, NOTIFICATION_QUEUE } from '@app/jobs';
import { NotificationChannelRepository, NotificationDeliveryRepository, NotificationEventRepository } from '@app/store';
import { QueueWorker } from '../queue/queue-worker';
import { DeliveryError } from './http-post';
import { ChannelSenders } from './senders';

const ATTEMPTS = NOTIFICATION_JOB_OPTIONS.attempts ?? 1;

/**
 * Sends one delivery per job. Every attempt is recorded on the delivery (attempts, last error,
 * last HTTP status, when the next try is due); a failed send throws so that BullMQ retries it
 * with backoff, and the last failed attempt leaves the delivery `failed`.
 */
@Injectable()
export class DeliveryWorker extends QueueWorker<DeliverNotificationJobData> {
  constructor(
    private readonly deliveries: NotificationDeliveryRepository,
    private readonly events: NotificationEventRepository,
    private readonly channels: NotificationChannelRepository,
    private readonly senders: ChannelSenders,
    private readonly notifications: NotificationConfig,
    redis: RedisConfig,
    config: WorkerConfig,
  ) {
    super(NOTIFICATION_QUEUE, ATTEMPTS, redis, config);
  }

  protected concurrency(): number {
    return this.config.concurrency;
  }

  protected namesItsRecord(data: DeliverNotificationJobData | undefined): boolean {
    return typeof data?.deliveryId === 'string';
  }

  protected async process(job: Job<DeliverNotificationJobData>): Promise<string> {
    if (job.name !== DELIVER_NOTIFICATION_JOB) throw new Error(`unknown job '${job.name}' on ${NOTIFICATION_QUEUE}`);
    const delivery = await this.deliveries.find(job.data.deliveryId);
    if (!delivery || delivery.status !== 'pending') return 'skipped';
    const [event, channel] = await Promise.all([this.events.find(delivery.eventId), this.channels.find(delivery.channelId)]);
    if (!event || !channel) return 'skipped';
    const attempts = job.attemptsMade + 1;
    const allowed = job.opts.attempts ?? ATTEMPTS;
    try {
      const { status } = await this.senders.send(channel, event);
      await this.deliveries.recordAttempt(delivery.id, {
        status: 'delivered',
        attempts,
        lastStatus: status,
        nextAttemptAt: null,
        deliveredAt: new Date(),
      });
      return 'delivered';
    } catch (error) {
      const permanent = error instanceof DeliveryError && error.permanent;
      const last = permanent || attempts >= allowed;
      await this.deliveries.recordAttempt(delivery.id, {
        status: last ? 'failed' : 'pending',
        attempts,
        lastError: error instanceof Error ? error.message : String(error),
        lastStatus: error instanceof DeliveryError ? error.status : null,
        nextAttemptAt: last ? null : new Date(Date.now() + this.notifications.retryBaseMs * 2 ** (attempts - 1)),
      });
      if (permanent) throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  /** Already recorded by the last attempt; kept for a job whose worker died mid-send. */
  protected async giveUp(job: Job<DeliverNotificationJobData>, message: string): Promise<void> {
    const delivery = await this.deliveries.find(job.data.deliveryId);
    if (!delivery || delivery.status !== 'pending') return;
    await this.deliveries.recordAttempt(delivery.id, {
      status: 'failed',
      attempts: Math.max(delivery.attempts, job.attemptsMade),
      lastError: delivery.lastError ?? message,
      lastStatus: delivery.lastStatus,
      nextAttemptAt: null,
    });
  }
}
