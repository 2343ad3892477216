import { Injectable } from '@nestjs/common';
import { ChangeRuleParams, ChangeRuleType, NotFoundError } from '@app/core';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';

export interface NotificationRuleRecord {
  id: string;
  workspaceId: string;
  name: string;
  type: ChangeRuleType;
  params: ChangeRuleParams;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type NewNotificationRule = Pick<NotificationRuleRecord, 'workspaceId' | 'name' | 'type' | 'params' | 'enabled'>;
export type NotificationRuleChanges = Partial<Pick<NotificationRuleRecord, 'name' | 'type' | 'params' | 'enabled'>>;

type Row = Awaited<ReturnType<PrismaService['notificationRule']['findUniqueOrThrow']>>;

const toRecord = (row: Row): NotificationRuleRecord => ({
  ...row,
  type: row.type as ChangeRuleType,
  params: row.params as ChangeRuleParams,
});

const json = (params: ChangeRuleParams): Prisma.InputJsonObject => ({ ...params });

/** Change rules of workspaces (what the worker evaluates on each snapshot). */
@Injectable()
export class NotificationRuleRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(rule: NewNotificationRule): Promise<NotificationRuleRecord> {
    return toRecord(await this.prisma.notificationRule.create({ data: { ...rule, params: json(rule.params) } }));
  }

  async find(id: string): Promise<NotificationRuleRecord | null> {
    const row = await this.prisma.notificationRule.findUnique({ where: { id } });
    return row ? toRecord(row) : null;
  }

  async get(id: string): Promise<NotificationRuleRecord> {
    const found = await this.find(id);
    if (!found) throw new NotFoundError(`No notification rule '${id}'`, { rule: id });
    return found;
  }

  /** Rules by creation, oldest first; `only` limits to some workspaces, `after` continues a page. */
  async list(options: {
    workspaceId?: string;
    only?: ReadonlySet<string>;
    after?: string;
    take: number;
  }): Promise<NotificationRuleRecord[]> {
    const workspaceIds = options.only ? [...options.only] : undefined;
    const rows = await this.prisma.notificationRule.findMany({
      where: {
        AND: [
          options.workspaceId ? { workspaceId: options.workspaceId } : {},
          workspaceIds ? { workspaceId: { in: workspaceIds } } : {},
          options.after ? { id: { gt: options.after } } : {},
        ],
      },
      orderBy: { id: 'asc' },
      take: options.take,
    });
    return rows.map(toRecord);
  }

  /** The enabled rules of a workspace: what one snapshot is evaluated against. */
  async enabledFor(workspaceId: string): Promise<NotificationRuleRecord[]> {
    const rows = await this.prisma.notificationRule.findMany({ where: { workspaceId, enabled: true }, orderBy: { createdAt: 'asc' } });
    return rows.map(toRecord);
  }

  async update(id: string, changes: NotificationRuleChanges): Promise<NotificationRuleRecord> {
    await this.get(id);
    const { params, ...rest } = changes;
    const row = await this.prisma.notificationRule.update({
      where: { id },
      data: { ...rest, ...(params ? { params: json(params) } : {}) },
    });
    return toRecord(row);
  }

  async delete(id: string): Promise<void> {
    const { count } = await this.prisma.notificationRule.deleteMany({ where: { id } });
    if (count === 0) throw new NotFoundError(`No notification rule '${id}'`, { rule: id });
  }
}
