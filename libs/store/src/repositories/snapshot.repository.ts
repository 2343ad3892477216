import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@app/core';
import { Snapshot } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { isUniqueViolation } from './db-errors';

export type SnapshotRecord = Snapshot;
export type SnapshotTrigger = 'manual' | 'schedule' | 'startup' | 'restore' | 'copy';

export interface SnapshotRequest {
  workspaceId: string;
  trigger: SnapshotTrigger;
  cause?: 'snapshot' | 'restore' | 'copy';
  causeId?: string;
  scheduledFor?: Date;
}

@Injectable()
export class SnapshotRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Records a request for a snapshot. At most one snapshot per workspace is queued or running
   * (a partial unique index says so), and one per schedule window: a second request joins the
   * active one instead (`joined: true`).
   */
  async request(input: SnapshotRequest): Promise<{ snapshot: SnapshotRecord; joined: boolean }> {
    try {
      const snapshot = await this.prisma.snapshot.create({
        data: {
          workspaceId: input.workspaceId,
          status: 'queued',
          trigger: input.trigger,
          cause: input.cause ?? 'snapshot',
          causeId: input.causeId,
          scheduledFor: input.scheduledFor,
        },
      });
      return { snapshot, joined: false };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const active = await this.active(input.workspaceId);
      if (active) return { snapshot: active, joined: true };
      if (input.scheduledFor) {
        const same = await this.prisma.snapshot.findFirst({ where: { workspaceId: input.workspaceId, scheduledFor: input.scheduledFor } });
        if (same) return { snapshot: same, joined: true };
      }
      // The active snapshot finished between our insert and our read: ask again.
      return this.request(input);
    }
  }

  active(workspaceId: string): Promise<SnapshotRecord | null> {
    return this.prisma.snapshot.findFirst({ where: { workspaceId, status: { in: ['queued', 'running'] } } });
  }

  setJobId(id: string, jobId: string): Promise<SnapshotRecord> {
    return this.prisma.snapshot.update({ where: { id }, data: { jobId } });
  }

  async get(workspaceId: string, id: string): Promise<SnapshotRecord> {
    const snapshot = await this.prisma.snapshot.findFirst({ where: { id, workspaceId } });
    if (!snapshot) throw new NotFoundError(`No snapshot '${id}' in workspace '${workspaceId}'`, { snapshotId: id });
    return snapshot;
  }

  find(id: string): Promise<SnapshotRecord | null> {
    return this.prisma.snapshot.findUnique({ where: { id } });
  }

  /** Newest first, keyset-paged by (requested_at, id). */
  list(
    workspaceId: string,
    options: { take: number; before?: { requestedAt: Date; id: string }; status?: string },
  ): Promise<SnapshotRecord[]> {
    return this.prisma.snapshot.findMany({
      where: {
        workspaceId,
        ...(options.status ? { status: options.status } : {}),
        ...(options.before
          ? {
              OR: [
                { requestedAt: { lt: options.before.requestedAt } },
                { requestedAt: options.before.requestedAt, id: { lt: options.before.id } },
              ],
            }
          : {}),
      },
      orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }],
      take: options.take,
    });
  }

  /** Marks a queued snapshot running; false when it is already done (a retried job). */
  async start(id: string): Promise<SnapshotRecord | null> {
    const updated = await this.prisma.snapshot.updateMany({
      where: { id, status: { in: ['queued', 'running'] } },
      data: { status: 'running', startedAt: new Date(), attempts: { increment: 1 }, error: null },
    });
    return updated.count ? this.prisma.snapshot.findUnique({ where: { id } }) : null;
  }

  progress(id: string, progress: Record<string, unknown>): Promise<unknown> {
    return this.prisma.snapshot.updateMany({ where: { id, status: 'running' }, data: { progress: progress as object } });
  }

  lastCompleted(workspaceId: string): Promise<SnapshotRecord | null> {
    return this.prisma.snapshot.findFirst({ where: { workspaceId, status: 'completed' }, orderBy: { version: 'desc' } });
  }

  /** Gives up on snapshots that can no longer run (their workspace archived, their job lost). */
  cancel(id: string, reason: string): Promise<unknown> {
    return this.prisma.snapshot.updateMany({
      where: { id, status: { in: ['queued', 'running'] } },
      data: { status: 'failed', error: reason, finishedAt: new Date() },
    });
  }
}
