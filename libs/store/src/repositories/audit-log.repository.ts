import { Injectable } from '@nestjs/common';
import { AuditEntry } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';

export type AuditOutcome = 'ok' | 'refused' | 'failed';

/** One API action as the audit log keeps it: who, what, which workspace, when, how it ended. No bodies. */
export interface AuditRecord {
  /** Increasing with time (a bigint, as text). */
  id: string;
  at: Date;
  actorKeyId: string | null;
  actorName: string;
  action: string;
  method: string;
  target: string;
  workspaceId: string | null;
  workspaceName: string | null;
  status: number;
  outcome: AuditOutcome;
  requestId: string;
}

export type NewAuditRecord = Omit<AuditRecord, 'id' | 'at'>;

export interface AuditFilter {
  /** A workspace id or name. */
  workspace?: string;
  action?: string;
  since?: Date;
  /** Entries older than this id (the previous page's last). */
  beforeId?: string;
  take: number;
}

const toAuditRecord = (row: AuditEntry): AuditRecord => ({
  id: row.id.toString(),
  at: row.at,
  actorKeyId: row.actorKeyId,
  actorName: row.actorName,
  action: row.action,
  method: row.method,
  target: row.target,
  workspaceId: row.workspaceId,
  workspaceName: row.workspaceName,
  status: row.status,
  outcome: row.outcome as AuditOutcome,
  requestId: row.requestId,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The audit log: appended to, read newest first; the database refuses updates and deletes. */
@Injectable()
export class AuditLogRepository {
  constructor(private readonly prisma: PrismaService) {}

  async append(entry: NewAuditRecord): Promise<void> {
    await this.prisma.auditEntry.create({ data: entry });
  }

  async list(filter: AuditFilter): Promise<AuditRecord[]> {
    const workspace = filter.workspace;
    const rows = await this.prisma.auditEntry.findMany({
      where: {
        ...(workspace !== undefined ? (UUID.test(workspace) ? { workspaceId: workspace } : { workspaceName: workspace }) : {}),
        ...(filter.action !== undefined ? { action: filter.action } : {}),
        ...(filter.since !== undefined ? { at: { gte: filter.since } } : {}),
        ...(filter.beforeId !== undefined ? { id: { lt: BigInt(filter.beforeId) } } : {}),
      },
      orderBy: { id: 'desc' },
      take: filter.take,
    });
    return rows.map(toAuditRecord);
  }
}
