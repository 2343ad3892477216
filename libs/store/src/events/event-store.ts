import { Injectable } from '@nestjs/common';
import {
  ConcurrencyError,
  countChanges,
  EventCause,
  EventType,
  IllegalStateError,
  JsonObject,
  NaturalKeyChanged,
  ResourceChange,
  SnapshotCompletedData,
} from '@app/core';
import { PrismaService } from '../prisma.service';
import { isUniqueViolation } from '../repositories/db-errors';
import { EventEnvelope, insertBlobs, insertEvents, lockSnapshot, lockStream, projectHeads, Tx } from './event-rows';

/** What a completed snapshot says about itself beyond its changes. */
export type SnapshotCompletion = Omit<SnapshotCompletedData, 'snapshotId' | 'created' | 'updated' | 'deleted'>;

export interface SnapshotAppend {
  workspaceId: string;
  snapshotId: string;
  /** The stream version the changes were computed against. */
  expectedVersion: number;
  cause: EventCause;
  causeId?: string;
  observedAt: Date;
  changes: ResourceChange[];
  /** Bodies of created and updated resources, by content hash. */
  bodies: Map<string, JsonObject>;
  renamedKeys: NaturalKeyChanged[];
  completion: SnapshotCompletion;
}

export interface AppendResult {
  version: number;
  created: number;
  updated: number;
  deleted: number;
  blobsAdded: number;
  blobBytesAdded: number;
}

/** Big snapshots write tens of thousands of rows in one transaction. */
const TRANSACTION_TIMEOUT_MS = 10 * 60_000;

/**
 * The append side of the log. A snapshot's resource events, new blobs, head projections, its
 * completion marker and its snapshot row commit in one transaction, or nothing does (invariant 2).
 * Every append states the stream version it expects; a clash is a ConcurrencyError (invariant 4).
 */
@Injectable()
export class EventStore {
  constructor(private readonly prisma: PrismaService) {}

  async appendSnapshot(input: SnapshotAppend): Promise<AppendResult> {
    const envelope: EventEnvelope = {
      workspaceId: input.workspaceId,
      cause: input.cause,
      causeId: input.causeId ?? input.snapshotId,
      observedAt: input.observedAt,
    };
    const counts = countChanges(input.changes);
    try {
      return await this.prisma.$transaction(
        async (tx) => {
          // A retried job whose first run committed must not record its changes a second time.
          const status = await lockSnapshot(tx, input.snapshotId);
          if (status !== 'running') throw new IllegalStateError(`snapshot ${input.snapshotId} is ${status}, not running`, { status });
          const base = await lockStream(tx, input.workspaceId, input.expectedVersion);
          const blobs = await insertBlobs(tx, input.bodies);
          // A natural key that moved without a change of body (its parent was renamed) is a fact of
          // history too: state at a version reads keys from the log, never recomputes them.
          const resourceEvents = [...input.changes, ...input.renamedKeys];
          await insertEvents(tx, envelope, base, resourceEvents);
          await projectHeads(tx, envelope, base, resourceEvents);
          const completion = {
            type: EventType.SnapshotCompleted,
            data: { snapshotId: input.snapshotId, ...counts, ...input.completion },
          } as const;
          const version = await insertEvents(tx, envelope, base + resourceEvents.length, [completion]);
          await this.markCompleted(tx, input, version, counts, blobs.bytes);
          return { version, ...counts, blobsAdded: blobs.added, blobBytesAdded: blobs.bytes };
        },
        { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 30_000 },
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConcurrencyError(`workspace:${input.workspaceId}`, input.expectedVersion, -1);
      throw error;
    }
  }

  /**
   * A failed snapshot leaves a failure record and no resource events (invariant 3). Returns its
   * version, or -1 when the snapshot had already ended (a retried job).
   */
  async appendFailure(input: {
    workspaceId: string;
    snapshotId: string;
    cause: EventCause;
    causeId?: string;
    error: string;
    requests: number;
  }): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const status = await lockSnapshot(tx, input.snapshotId);
      if (status === 'completed' || status === 'failed') return -1;
      const base = await lockStream(tx, input.workspaceId);
      const failure = {
        type: EventType.SnapshotFailed,
        data: { snapshotId: input.snapshotId, error: input.error, requests: input.requests },
      } as const;
      const envelope = {
        workspaceId: input.workspaceId,
        cause: input.cause,
        causeId: input.causeId ?? input.snapshotId,
        observedAt: new Date(),
      };
      const version = await insertEvents(tx, envelope, base, [failure]);
      await tx.$executeRawUnsafe(
        `UPDATE snapshot SET status = 'failed', version = $2, finished_at = now(), error = $3, requests = $4 WHERE id = $1::uuid`,
        input.snapshotId,
        version,
        input.error,
        input.requests,
      );
      return version;
    });
  }

  /** The snapshot row, a projection of its completion event. */
  private async markCompleted(tx: Tx, input: SnapshotAppend, version: number, counts: ReturnType<typeof countChanges>, bytesAdded: number) {
    await tx.$executeRawUnsafe(
      `UPDATE snapshot SET status = 'completed', version = $2, finished_at = now(), created = $3, updated = $4, deleted = $5,
         unchanged = $6, resource_count = $7, root_hash = $8, unavailable_kinds = $9::text[], requests = $10, bytes_added = $11,
         error = NULL
       WHERE id = $1::uuid`,
      input.snapshotId,
      version,
      counts.created,
      counts.updated,
      counts.deleted,
      input.completion.unchanged,
      input.completion.resourceCount,
      input.completion.rootHash,
      input.completion.unavailableKinds.map((u) => u.kind),
      input.completion.requests,
      bytesAdded,
    );
  }
}
