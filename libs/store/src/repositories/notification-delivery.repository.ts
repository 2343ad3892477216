import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { NotificationEventRecord } from './notification-event.repository';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'failed'];

/** One event sent to one channel. */
export interface NotificationDeliveryRecord {
  id: string;
  eventId: string;
  channelId: string;
  channelName: string;
  event: string;
  workspaceId: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  /** The HTTP status of the last answer (webhook, Slack), or null. */
  lastStatus: number | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

export interface DeliveryAttempt {
  status: DeliveryStatus;
  attempts: number;
  /** Left out: the error of an earlier attempt stays (a delivery made on its third try shows why the second failed). */
  lastError?: string | null;
  lastStatus: number | null;
  nextAttemptAt: Date | null;
  deliveredAt?: Date | null;
}

export interface DeliveryFilter {
  channelId?: string;
  event?: string;
  status?: DeliveryStatus;
  /** Keyset: deliveries older than this one (newest first). */
  before?: { at: Date; id: string };
}

const WITH_NAMES = { channel: { select: { name: true } }, event: { select: { event: true, workspaceId: true } } } as const;
type Row = Prisma.NotificationDeliveryGetPayload<{ include: typeof WITH_NAMES }>;

const toRecord = (row: Row): NotificationDeliveryRecord => ({
  id: row.id,
  eventId: row.eventId,
  channelId: row.channelId,
  channelName: row.channel.name,
  event: row.event.event,
  workspaceId: row.event.workspaceId,
  status: row.status as DeliveryStatus,
  attempts: row.attempts,
  lastError: row.lastError,
  lastStatus: row.lastStatus,
  nextAttemptAt: row.nextAttemptAt,
  deliveredAt: row.deliveredAt,
  createdAt: row.createdAt,
});

/** Deliveries of notification events to channels: at most one per event and channel. */
@Injectable()
export class NotificationDeliveryRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * One delivery per channel (a second call for the same event adds none), then the event's
   * deliveries still pending: what must be queued (queuing is idempotent by delivery id).
   */
  async fanOut(event: NotificationEventRecord, channelIds: string[]): Promise<string[]> {
    if (channelIds.length) {
      await this.prisma.notificationDelivery.createMany({
        data: channelIds.map((channelId) => ({ eventId: event.id, channelId })),
        skipDuplicates: true,
      });
    }
    const pending = await this.prisma.notificationDelivery.findMany({
      where: { eventId: event.id, status: 'pending' },
      select: { id: true },
    });
    return pending.map((p) => p.id);
  }

  async find(id: string): Promise<NotificationDeliveryRecord | null> {
    const row = await this.prisma.notificationDelivery.findUnique({ where: { id }, include: WITH_NAMES });
    return row ? toRecord(row) : null;
  }

  /** Records an attempt (a row deleted meanwhile, with its channel, is left alone). */
  async recordAttempt(id: string, attempt: DeliveryAttempt): Promise<void> {
    await this.prisma.notificationDelivery.updateMany({ where: { id }, data: attempt });
  }

  /**
   * Events recorded between `since` and `before` with no delivery at all: their fan-out may have
   * died between recording and queuing (a crash, Redis away).
   */
  async eventsWithoutDeliveries(since: Date, before: Date, take: number): Promise<string[]> {
    const rows = await this.prisma.notificationEvent.findMany({
      where: { recordedAt: { gte: since, lt: before }, deliveries: { none: {} } },
      select: { id: true },
      orderBy: { recordedAt: 'asc' },
      take,
    });
    return rows.map((r) => r.id);
  }

  /** Deliveries still pending that were created before `before`: their job may be lost. */
  async stalePending(before: Date, take: number): Promise<string[]> {
    const rows = await this.prisma.notificationDelivery.findMany({
      where: { status: 'pending', createdAt: { lt: before } },
      select: { id: true },
      orderBy: { createdAt: 'asc' },
      take,
    });
    return rows.map((r) => r.id);
  }

  /** Newest first. */
  async list(filter: DeliveryFilter, take: number): Promise<NotificationDeliveryRecord[]> {
    const where: Prisma.NotificationDeliveryWhereInput = {
      ...(filter.channelId ? { channelId: filter.channelId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.event ? { event: { event: filter.event } } : {}),
      ...(filter.before
        ? { OR: [{ createdAt: { lt: filter.before.at } }, { createdAt: filter.before.at, id: { lt: filter.before.id } }] }
        : {}),
    };
    const rows = await this.prisma.notificationDelivery.findMany({
      where,
      include: WITH_NAMES,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
    });
    return rows.map(toRecord);
  }
}
