import { Injectable } from '@nestjs/common';
import { NotificationEventRepository, NotificationEventRecord } from '@app/store';
import { NotificationEvent, Notifier } from './notification-event';

/**
 * Records each event once in the outbox (notification_event). What delivers it to channels
 * subscribes with `onRecorded`; an event recorded twice (same dedup key) is not delivered twice.
 */
@Injectable()
export class OutboxNotifier extends Notifier {
  private readonly listeners: Array<(event: NotificationEventRecord) => Promise<void>> = [];

  constructor(private readonly events: NotificationEventRepository) {
    super();
  }

  /** Called with each newly recorded event (the notifications module queues its deliveries here). */
  onRecorded(listener: (event: NotificationEventRecord) => Promise<void>): void {
    this.listeners.push(listener);
  }

  async notify(event: NotificationEvent): Promise<void> {
    const recorded = await this.events.record(event);
    if (!recorded) return;
    for (const listener of this.listeners) await listener(recorded);
  }
}
