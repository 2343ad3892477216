import { Injectable } from '@nestjs/common';
import { ConcurrencyError, IllegalStateError, JsonObject, KindName, ResourceChange } from '@app/core';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { isUniqueViolation } from './db-errors';

export type EventCause = 'snapshot' | 'restore' | 'copy';

export interface SnapshotCompletion {
  resourceCount: number;
  unchanged: number;
  rootHash: string;
  unavailableKinds: Array<{ kind: KindName; reason: string }>;
  requests: number;
  vanished: Array<{ kind: KindName; id: string }>;
  timings?: Record<string, number>;
}

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
  renamedKeys: Array<{ kind: KindName; resourceId: string; naturalKey: string; blobHash: string }>;
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
    try {
      return await this.prisma.$transaction(
        async (tx) => {
          await this.lockRunningSnapshot(tx, input.snapshotId);
          const version = await this.lockStream(tx, input.workspaceId, input.expectedVersion);

          // One JSON document for every new blob: Postgres parses it once, with no array-literal
          // escaping of megabytes of JSON on the way.
          const blobs = [...input.bodies].map(([hash, body]) => {
            const text = JSON.stringify(body);
            return `{"hash":${JSON.stringify(hash)},"size":${Buffer.byteLength(text)},"body":${text}}`;
          });
          const inserted = blobs.length
            ? await tx.$queryRawUnsafe<Array<{ size: number }>>(
                `INSERT INTO blob (hash, body, size)
               SELECT x.hash, x.body, x.size FROM jsonb_to_recordset($1::jsonb) AS x(hash text, body jsonb, size int)
               ON CONFLICT (hash) DO NOTHING RETURNING size`,
                `[${blobs.join(',')}]`,
              )
            : [];

          const changes = input.changes;
          const at = input.observedAt;
          if (changes.length) {
            await tx.$executeRawUnsafe(
              `INSERT INTO event (workspace_id, version, type, kind, resource_id, natural_key, blob_hash, cause, cause_id, observed_at)
             SELECT $1::uuid, v, t, k, r, n, b, $2, $3, $4::timestamptz
             FROM unnest($5::int[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[]) AS x(v, t, k, r, n, b)`,
              input.workspaceId,
              input.cause,
              input.causeId ?? input.snapshotId,
              at,
              changes.map((_, i) => version + 1 + i),
              changes.map((c) => c.type),
              changes.map((c) => c.kind),
              changes.map((c) => c.resourceId),
              changes.map((c) => c.naturalKey),
              changes.map((c) => c.blobHash ?? null),
            );
            await this.project(tx, input, version);
          }
          // A natural key that moved without a change of body (its parent was renamed) is a fact of
          // history too: state at a version reads keys from the log, never recomputes them.
          const rekeyBase = version + changes.length;
          if (input.renamedKeys.length) {
            await tx.$executeRawUnsafe(
              `INSERT INTO event (workspace_id, version, type, kind, resource_id, natural_key, blob_hash, cause, cause_id, observed_at)
             SELECT $1::uuid, v, 'NaturalKeyChanged', k, r, n, b, $2, $3, $4::timestamptz
             FROM unnest($5::int[], $6::text[], $7::text[], $8::text[], $9::text[]) AS x(v, k, r, n, b)`,
              input.workspaceId,
              input.cause,
              input.causeId ?? input.snapshotId,
              at,
              input.renamedKeys.map((_, i) => rekeyBase + 1 + i),
              input.renamedKeys.map((r) => r.kind),
              input.renamedKeys.map((r) => r.resourceId),
              input.renamedKeys.map((r) => r.naturalKey),
              input.renamedKeys.map((r) => r.blobHash),
            );
          }
          for (const renamed of chunk(input.renamedKeys, 5000)) {
            await tx.$executeRawUnsafe(
              `UPDATE resource_head h SET natural_key = x.n
             FROM unnest($2::text[], $3::text[], $4::text[]) AS x(k, r, n)
             WHERE h.workspace_id = $1::uuid AND h.kind = x.k AND h.resource_id = x.r`,
              input.workspaceId,
              renamed.map((r) => r.kind),
              renamed.map((r) => r.resourceId),
              renamed.map((r) => r.naturalKey),
            );
          }

          const counts = { created: 0, updated: 0, deleted: 0 };
          for (const change of changes) {
            if (change.type === 'ResourceCreated') counts.created++;
            else if (change.type === 'ResourceUpdated') counts.updated++;
            else counts.deleted++;
          }
          const completedVersion = rekeyBase + input.renamedKeys.length + 1;
          const blobBytesAdded = inserted.reduce((n, row) => n + Number(row.size), 0);
          await tx.$executeRawUnsafe(
            `INSERT INTO event (workspace_id, version, type, cause, cause_id, observed_at, metadata)
           VALUES ($1::uuid, $2, 'SnapshotCompleted', $3, $4, $5::timestamptz, $6::jsonb)`,
            input.workspaceId,
            completedVersion,
            input.cause,
            input.causeId ?? input.snapshotId,
            at,
            JSON.stringify({ snapshotId: input.snapshotId, ...counts, ...input.completion }),
          );
          await tx.$executeRawUnsafe(`UPDATE workspace SET stream_version = $2 WHERE id = $1::uuid`, input.workspaceId, completedVersion);
          await tx.$executeRawUnsafe(
            `UPDATE snapshot SET status = 'completed', version = $2, finished_at = now(), created = $3, updated = $4, deleted = $5,
             unchanged = $6, resource_count = $7, root_hash = $8, unavailable_kinds = $9::text[], requests = $10, bytes_added = $11,
             error = NULL
           WHERE id = $1::uuid`,
            input.snapshotId,
            completedVersion,
            counts.created,
            counts.updated,
            counts.deleted,
            input.completion.unchanged,
            input.completion.resourceCount,
            input.completion.rootHash,
            input.completion.unavailableKinds.map((u) => u.kind),
            input.completion.requests,
            blobBytesAdded,
          );
          return { version: completedVersion, ...counts, blobsAdded: inserted.length, blobBytesAdded };
        },
        { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 30_000 },
      );
    } catch (error) {
      throw this.translate(error, input.workspaceId, input.expectedVersion);
    }
  }

  /** A failed snapshot leaves a failure record and no resource events (invariant 3). */
  async appendFailure(input: {
    workspaceId: string;
    snapshotId: string;
    cause: EventCause;
    causeId?: string;
    error: string;
    requests: number;
  }): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRawUnsafe<Array<{ status: string }>>(
        `SELECT status FROM snapshot WHERE id = $1::uuid FOR UPDATE`,
        input.snapshotId,
      );
      if (!rows.length) throw new IllegalStateError(`snapshot ${input.snapshotId} does not exist`);
      if (rows[0]!.status === 'completed' || rows[0]!.status === 'failed') return -1;
      const current = await tx.$queryRawUnsafe<Array<{ stream_version: number }>>(
        `SELECT stream_version FROM workspace WHERE id = $1::uuid FOR UPDATE`,
        input.workspaceId,
      );
      const version = Number(current[0]!.stream_version) + 1;
      await tx.$executeRawUnsafe(
        `INSERT INTO event (workspace_id, version, type, cause, cause_id, observed_at, metadata)
         VALUES ($1::uuid, $2, 'SnapshotFailed', $3, $4, now(), $5::jsonb)`,
        input.workspaceId,
        version,
        input.cause,
        input.causeId ?? input.snapshotId,
        JSON.stringify({ snapshotId: input.snapshotId, error: input.error, requests: input.requests }),
      );
      await tx.$executeRawUnsafe(`UPDATE workspace SET stream_version = $2 WHERE id = $1::uuid`, input.workspaceId, version);
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

  private async lockRunningSnapshot(tx: Tx, snapshotId: string): Promise<void> {
    const rows = await tx.$queryRawUnsafe<Array<{ status: string }>>(
      `SELECT status FROM snapshot WHERE id = $1::uuid FOR UPDATE`,
      snapshotId,
    );
    if (!rows.length) throw new IllegalStateError(`snapshot ${snapshotId} does not exist`);
    // A retried job whose first run committed must not record its changes a second time.
    if (rows[0]!.status !== 'running')
      throw new IllegalStateError(`snapshot ${snapshotId} is ${rows[0]!.status}, not running`, { status: rows[0]!.status });
  }

  private async lockStream(tx: Tx, workspaceId: string, expected: number): Promise<number> {
    const rows = await tx.$queryRawUnsafe<Array<{ stream_version: number }>>(
      `SELECT stream_version FROM workspace WHERE id = $1::uuid FOR UPDATE`,
      workspaceId,
    );
    if (!rows.length) throw new IllegalStateError(`workspace ${workspaceId} does not exist`);
    const actual = Number(rows[0]!.stream_version);
    if (actual !== expected) throw new ConcurrencyError(`workspace:${workspaceId}`, expected, actual);
    return actual;
  }

  /** Heads follow the events just appended: upsert what was created or updated, drop what was deleted. */
  private async project(tx: Tx, input: SnapshotAppend, baseVersion: number): Promise<void> {
    const upserts = input.changes.map((c, i) => ({ c, v: baseVersion + 1 + i })).filter(({ c }) => c.type !== 'ResourceDeleted');
    for (const batch of chunk(upserts, 5000)) {
      await tx.$executeRawUnsafe(
        `INSERT INTO resource_head (workspace_id, kind, resource_id, natural_key, blob_hash, version, observed_at)
         SELECT $1::uuid, k, r, n, b, v, $2::timestamptz FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::int[]) AS x(k, r, n, b, v)
         ON CONFLICT (workspace_id, kind, resource_id) DO UPDATE
           SET natural_key = EXCLUDED.natural_key, blob_hash = EXCLUDED.blob_hash, version = EXCLUDED.version, observed_at = EXCLUDED.observed_at`,
        input.workspaceId,
        input.observedAt,
        batch.map(({ c }) => c.kind),
        batch.map(({ c }) => c.resourceId),
        batch.map(({ c }) => c.naturalKey),
        batch.map(({ c }) => c.blobHash!),
        batch.map(({ v }) => v),
      );
    }
    const deletes = input.changes.filter((c) => c.type === 'ResourceDeleted');
    for (const batch of chunk(deletes, 5000)) {
      await tx.$executeRawUnsafe(
        `DELETE FROM resource_head h USING unnest($2::text[], $3::text[]) AS x(k, r)
         WHERE h.workspace_id = $1::uuid AND h.kind = x.k AND h.resource_id = x.r`,
        input.workspaceId,
        batch.map((c) => c.kind),
        batch.map((c) => c.resourceId),
      );
    }
  }

  private translate(error: unknown, workspaceId: string, expected: number): unknown {
    if (isUniqueViolation(error)) return new ConcurrencyError(`workspace:${workspaceId}`, expected, -1);
    return error;
  }
}

type Tx = Prisma.TransactionClient;

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
