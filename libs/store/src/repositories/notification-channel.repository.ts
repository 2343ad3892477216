import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError } from '@app/core';
import { NotificationChannel } from '../generated/prisma/client';
import { EncryptedToken } from '../crypto/token-cipher';
import { PrismaService } from '../prisma.service';
import { isUniqueViolation } from './db-errors';

export type ChannelType = 'webhook' | 'slack' | 'email';
export const CHANNEL_TYPES: readonly ChannelType[] = ['webhook', 'slack', 'email'];

/** A notification channel as stored; the webhook signing secret only encrypted. */
export interface NotificationChannelRecord {
  id: string;
  name: string;
  type: ChannelType;
  url: string | null;
  address: string | null;
  events: string[];
  /** null: global (every workspace's events). */
  workspaceId: string | null;
  secret: EncryptedToken | null;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewNotificationChannel {
  id: string;
  name: string;
  type: ChannelType;
  url?: string | null;
  address?: string | null;
  events: string[];
  workspaceId?: string | null;
  secret?: EncryptedToken | null;
  enabled?: boolean;
}

export type NotificationChannelChanges = Partial<Omit<NewNotificationChannel, 'id' | 'type'>>;

const toRecord = (row: NotificationChannel): NotificationChannelRecord => ({
  id: row.id,
  name: row.name,
  type: row.type as ChannelType,
  url: row.url,
  address: row.address,
  events: row.events,
  workspaceId: row.workspaceId,
  secret: row.secretCiphertext && row.secretKeyId ? { ciphertext: Buffer.from(row.secretCiphertext), keyId: row.secretKeyId } : null,
  enabled: row.enabled,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

const columns = (input: NotificationChannelChanges) => {
  const { secret, ...rest } = input;
  if (secret === undefined) return rest;
  return {
    ...rest,
    secretCiphertext: secret ? new Uint8Array(secret.ciphertext) : null,
    secretKeyId: secret ? secret.keyId : null,
  };
};

const taken = (name: string) => new ConflictError(`A notification channel named '${name}' exists already`, { field: 'name', name });

/** Where notifications go. Names are unique. */
@Injectable()
export class NotificationChannelRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(input: NewNotificationChannel): Promise<NotificationChannelRecord> {
    try {
      return toRecord(
        await this.prisma.notificationChannel.create({ data: { ...columns(input), id: input.id, type: input.type, name: input.name } }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw taken(input.name);
      throw error;
    }
  }

  async find(id: string): Promise<NotificationChannelRecord | null> {
    const row = await this.prisma.notificationChannel.findUnique({ where: { id } });
    return row ? toRecord(row) : null;
  }

  async get(id: string): Promise<NotificationChannelRecord> {
    const found = await this.find(id);
    if (!found) throw new NotFoundError(`No notification channel '${id}'`, { id });
    return found;
  }

  async list(): Promise<NotificationChannelRecord[]> {
    return (await this.prisma.notificationChannel.findMany({ orderBy: [{ name: 'asc' }] })).map(toRecord);
  }

  /** The enabled channels that may receive an event of this workspace: its own and the global ones. */
  async candidates(workspaceId: string): Promise<NotificationChannelRecord[]> {
    const rows = await this.prisma.notificationChannel.findMany({
      where: { enabled: true, OR: [{ workspaceId: null }, { workspaceId }] },
    });
    return rows.map(toRecord);
  }

  async update(id: string, changes: NotificationChannelChanges): Promise<NotificationChannelRecord> {
    await this.get(id);
    try {
      return toRecord(await this.prisma.notificationChannel.update({ where: { id }, data: columns(changes) }));
    } catch (error) {
      if (isUniqueViolation(error) && changes.name) throw taken(changes.name);
      throw error;
    }
  }

  /** Removes the channel and its deliveries. */
  async delete(id: string): Promise<void> {
    const { count } = await this.prisma.notificationChannel.deleteMany({ where: { id } });
    if (count === 0) throw new NotFoundError(`No notification channel '${id}'`, { id });
  }
}
