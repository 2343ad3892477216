import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@app/core';
import { Snapshot } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { isUniqueViolation } from './db-errors';

export type SnapshotTrigger = 'manual' | 'schedule' | 'startup' | 'restore' | 'copy';
export type SnapshotStatus = 'queued' | 'running' | 'completed' | 'failed';
/** Why the changes it records happened: the workspace changed by itself, or a restore or copy wrote them. */
export type SnapshotCause = 'snapshot' | 'restore' | 'copy';

/** One snapshot of a workspace: requested, then running (with progress), then completed or failed. */
export interface SnapshotRecord {
  id: string;
  workspaceId: string;
  status: SnapshotStatus;
  trigger: SnapshotTrigger;
  cause: SnapshotCause;
  /** The plan whose apply or verification it belongs to. */
  causeId: string | null;
  /** The schedule window it was taken for (at most one snapshot per window). */
  scheduledFor: Date | null;
  jobId: string | null;
  attempts: number;
  /** The stream version it completed at. */
  version: number | null;
  requestedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  resourceCount: number;
  rootHash: string | null;
  unavailableKinds: string[];
  requests: number;
  bytesAdded: bigint;
  progress: unknown;
  error: string | null;
}

const toSnapshotRecord = (row: Snapshot): SnapshotRecord => ({
  id: row.id,
  workspaceId: row.workspaceId,
  status: row.status as SnapshotStatus,
  trigger: row.trigger as SnapshotTrigger,
  cause: row.cause as SnapshotCause,
  causeId: row.causeId,
  scheduledFor: row.scheduledFor,
  jobId: row.jobId,
  attempts: row.attempts,
  version: row.version,
  requestedAt: row.requestedAt,
  startedAt: row.startedAt,
  finishedAt: row.finishedAt,
  created: row.created,
  updated: row.updated,
  deleted: row.deleted,
  unchanged: row.unchanged,
  resourceCount: row.resourceCount,
  rootHash: row.rootHash,
  unavailableKinds: row.unavailableKinds,
  requests: row.requests,
  bytesAdded: row.bytesAdded,
  progress: row.progress,
  error: row.error,
});

const orNull = (row: Snapshot | null): SnapshotRecord | null => row && toSnapshotRecord(row);

export interface SnapshotRequest {
  workspaceId: string;
  trigger: SnapshotTrigger;
  cause?: SnapshotCause;
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
      return { snapshot: toSnapshotRecord(snapshot), joined: false };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const active = await this.active(input.workspaceId);
      if (active) return { snapshot: active, joined: true };
      if (input.scheduledFor) {
        const same = await this.prisma.snapshot.findFirst({ where: { workspaceId: input.workspaceId, scheduledFor: input.scheduledFor } });
        if (same) return { snapshot: toSnapshotRecord(same), joined: true };
      }
      // The active snapshot finished between our insert and our read: ask again.
      return this.request(input);
    }
  }

  async active(workspaceId: string): Promise<SnapshotRecord | null> {
    return orNull(await this.prisma.snapshot.findFirst({ where: { workspaceId, status: { in: ['queued', 'running'] } } }));
  }

  async setJobId(id: string, jobId: string): Promise<SnapshotRecord> {
    return toSnapshotRecord(await this.prisma.snapshot.update({ where: { id }, data: { jobId } }));
  }

  async get(workspaceId: string, id: string): Promise<SnapshotRecord> {
    const snapshot = await this.prisma.snapshot.findFirst({ where: { id, workspaceId } });
    if (!snapshot) throw new NotFoundError(`No snapshot '${id}' in workspace '${workspaceId}'`, { snapshotId: id });
    return toSnapshotRecord(snapshot);
  }

  async find(id: string): Promise<SnapshotRecord | null> {
    return orNull(await this.prisma.snapshot.findUnique({ where: { id } }));
  }

  /** Newest first, keyset-paged by (requested_at, id). */
  async list(
    workspaceId: string,
    options: { take: number; before?: { requestedAt: Date; id: string }; status?: string },
  ): Promise<SnapshotRecord[]> {
    const rows = await this.prisma.snapshot.findMany({
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
    return rows.map(toSnapshotRecord);
  }

  /** Marks a queued snapshot running; false when it is already done (a retried job). */
  async start(id: string): Promise<SnapshotRecord | null> {
    const updated = await this.prisma.snapshot.updateMany({
      where: { id, status: { in: ['queued', 'running'] } },
      data: { status: 'running', startedAt: new Date(), attempts: { increment: 1 }, error: null },
    });
    return updated.count ? orNull(await this.prisma.snapshot.findUnique({ where: { id } })) : null;
  }

  progress(id: string, progress: Record<string, unknown>): Promise<unknown> {
    return this.prisma.snapshot.updateMany({ where: { id, status: 'running' }, data: { progress: progress as object } });
  }

  async lastCompleted(workspaceId: string): Promise<SnapshotRecord | null> {
    return orNull(await this.prisma.snapshot.findFirst({ where: { workspaceId, status: 'completed' }, orderBy: { version: 'desc' } }));
  }

  /** Snapshots still queued or running that were asked for before `requestedBefore`, oldest first (what the reconciler checks). */
  async unsettled(requestedBefore: Date, take = 1000): Promise<SnapshotRecord[]> {
    const rows = await this.prisma.snapshot.findMany({
      where: { status: { in: ['queued', 'running'] }, requestedAt: { lt: requestedBefore } },
      orderBy: { requestedAt: 'asc' },
      take,
    });
    return rows.map(toSnapshotRecord);
  }

  /** Gives up on snapshots that can no longer run (their workspace archived, their job lost). */
  cancel(id: string, reason: string): Promise<unknown> {
    return this.prisma.snapshot.updateMany({
      where: { id, status: { in: ['queued', 'running'] } },
      data: { status: 'failed', error: reason, finishedAt: new Date() },
    });
  }
}
