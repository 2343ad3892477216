import { Injectable } from '@nestjs/common';
import { ValidationError } from '@app/core';
import { AuditLogRepository, AuditRecord } from '@app/store';
import { decodeCursor, keysetPage, Page, PageRequest } from '../common/pagination';

const isAuditCursor = (value: Record<string, unknown>): value is { n: string } =>
  typeof value.n === 'string' && /^[1-9]\d{0,17}$/.test(value.n);

@Injectable()
export class AuditLogService {
  constructor(private readonly log: AuditLogRepository) {}

  /** Newest first, filtered by workspace (id or name), action and time. */
  async list(request: PageRequest & { workspace?: string; action?: string; since?: string }): Promise<Page<AuditRecord>> {
    const since = request.since === undefined ? undefined : new Date(request.since);
    if (since && Number.isNaN(since.getTime())) throw new ValidationError('since', 'since must be an ISO 8601 instant');
    const before = decodeCursor(request.cursor, isAuditCursor);
    return keysetPage(
      request.limit ?? 100,
      (take) => this.log.list({ workspace: request.workspace, action: request.action, since, beforeId: before?.n, take }),
      (last) => ({ n: last.id }),
    );
  }
}
