import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';

export interface NotificationEventRecord {
  id: string;
  event: string;
  workspaceId: string;
  workspaceName: string;
  dedupKey: string;
  title: string;
  details: Record<string, unknown>;
  at: Date;
  recordedAt: Date;
}

export type NewNotificationEvent = Omit<NotificationEventRecord, 'id' | 'recordedAt'>;

/** The notification outbox. */
@Injectable()
export class NotificationEventRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Records an occurrence once: the row, or null when its dedup key was recorded before. */
  async record(event: NewNotificationEvent): Promise<NotificationEventRecord | null> {
    const rows = await this.prisma.$queryRawUnsafe<Array<{ id: string }>>(
      `INSERT INTO notification_event (id, event, workspace_id, workspace_name, dedup_key, title, details, at)
       VALUES ($1::uuid, $2, $3::uuid, $4, $5, $6, $7::jsonb, $8)
       ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
      randomUUID(),
      event.event,
      event.workspaceId,
      event.workspaceName,
      event.dedupKey,
      event.title,
      JSON.stringify(event.details),
      event.at,
    );
    if (rows.length === 0) return null;
    return this.find(rows[0]!.id);
  }

  async find(id: string): Promise<NotificationEventRecord | null> {
    const row = await this.prisma.notificationEvent.findUnique({ where: { id } });
    return row ? { ...row, details: row.details as Prisma.JsonObject } : null;
  }
}
