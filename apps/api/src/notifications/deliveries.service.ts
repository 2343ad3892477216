import { Injectable } from '@nestjs/common';
import { NotificationDeliveryRecord, NotificationDeliveryRepository } from '@app/store';
import { decodeCursor, isInstantIdCursor, keysetPage, Page } from '../common/pagination';
import { DeliveriesQuery } from './dto/deliveries.query';

/** Deliveries of notifications, newest first, with their attempts and last error. */
@Injectable()
export class DeliveriesService {
  constructor(private readonly deliveries: NotificationDeliveryRepository) {}

  async list(query: DeliveriesQuery): Promise<Page<NotificationDeliveryRecord>> {
    const cursor = decodeCursor(query.cursor, isInstantIdCursor);
    return keysetPage(
      query.limit ?? 100,
      (take) =>
        this.deliveries.list(
          {
            channelId: query.channel,
            event: query.event,
            status: query.status,
            before: cursor ? { at: new Date(cursor.at), id: cursor.id } : undefined,
          },
          take,
        ),
      (last) => ({ at: last.createdAt.toISOString(), id: last.id }),
    );
  }
}
