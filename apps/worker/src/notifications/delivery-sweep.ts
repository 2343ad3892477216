import { Injectable } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { WorkerConfig } from '@app/config';
import { NotificationDeliveryRepository, NotificationEventRepository } from '@app/store';
import { PeriodicRound } from '../queue/periodic-round';
import { DeliveryFanOut } from './delivery-fan-out';

/** How far back events without deliveries are looked for. */
const LOOKBACK_MS = 24 * 3600_000;
const BATCH = 100;

type SweepReport = { fannedOut: number; requeued: number };

/**
 * Every RECONCILE_INTERVAL_MS: events recorded but never fanned out (the process died between
 * the two, or Redis was away) are fanned out, and pending deliveries get their job again (a
 * no-op while it exists: the job id is the delivery's). Rows younger than two intervals are left
 * alone. Every worker may sweep: both steps are idempotent.
 */
@Injectable()
export class DeliverySweep extends PeriodicRound<SweepReport> {
  constructor(
    private readonly deliveries: NotificationDeliveryRepository,
    private readonly events: NotificationEventRepository,
    private readonly fanOut: DeliveryFanOut,
    registry: SchedulerRegistry,
    private readonly config: WorkerConfig,
  ) {
    super('notification-delivery-sweep', registry, config.reconcileIntervalMs);
  }

  /** One round: how many events were fanned out late and how many deliveries queued again. */
  protected async round(now: Date): Promise<SweepReport> {
    const settled = new Date(now.getTime() - 2 * this.config.reconcileIntervalMs);
    const lost = await this.deliveries.eventsWithoutDeliveries(new Date(now.getTime() - LOOKBACK_MS), settled, BATCH);
    for (const id of lost) {
      const event = await this.events.find(id);
      if (event) await this.fanOut.fanOut(event);
    }
    const pending = await this.deliveries.stalePending(settled, BATCH);
    for (const id of pending) await this.fanOut.queue(id);
    return { fannedOut: lost.length, requeued: pending.length };
  }
}
