import {
  ConcurrencyError,
  EventCause,
  EventType,
  hashAfter,
  IllegalStateError,
  JsonObject,
  ResourceEvent,
  WorkspaceEvent,
} from '@app/core';
import { Prisma } from '../generated/prisma/client';

/** A transaction of the event store: every function here runs inside one. */
export type Tx = Prisma.TransactionClient;

/** What every event of one append shares. */
export interface EventEnvelope {
  workspaceId: string;
  cause: EventCause;
  causeId: string;
  observedAt: Date;
}

/** Heads are written in batches: one statement per few thousand resources. */
const BATCH = 5000;

/** Locks the workspace's stream and checks it is at the version the append was computed against. */
export async function lockStream(tx: Tx, workspaceId: string, expected?: number): Promise<number> {
  const rows = await tx.$queryRawUnsafe<Array<{ stream_version: number }>>(
    `SELECT stream_version FROM workspace WHERE id = $1::uuid FOR UPDATE`,
    workspaceId,
  );
  if (!rows.length) throw new IllegalStateError(`workspace ${workspaceId} does not exist`);
  const actual = Number(rows[0]!.stream_version);
  if (expected !== undefined && actual !== expected) throw new ConcurrencyError(`workspace:${workspaceId}`, expected, actual);
  return actual;
}

/** Locks a snapshot row and returns its status. */
export async function lockSnapshot(tx: Tx, snapshotId: string): Promise<string> {
  const rows = await tx.$queryRawUnsafe<Array<{ status: string }>>(
    `SELECT status FROM snapshot WHERE id = $1::uuid FOR UPDATE`,
    snapshotId,
  );
  if (!rows.length) throw new IllegalStateError(`snapshot ${snapshotId} does not exist`);
  return rows[0]!.status;
}

/**
 * Stores new bodies. One JSON document for all of them: Postgres parses it once, with no
 * array-literal escaping of megabytes of JSON on the way. Returns the bytes actually added.
 */
export async function insertBlobs(tx: Tx, bodies: ReadonlyMap<string, JsonObject>): Promise<{ added: number; bytes: number }> {
  if (!bodies.size) return { added: 0, bytes: 0 };
  const rows = [...bodies].map(([hash, body]) => {
    const text = JSON.stringify(body);
    return `{"hash":${JSON.stringify(hash)},"size":${Buffer.byteLength(text)},"body":${text}}`;
  });
  const inserted = await tx.$queryRawUnsafe<Array<{ size: number }>>(
    `INSERT INTO blob (hash, body, size)
     SELECT x.hash, x.body, x.size FROM jsonb_to_recordset($1::jsonb) AS x(hash text, body jsonb, size int)
     ON CONFLICT (hash) DO NOTHING RETURNING size`,
    `[${rows.join(',')}]`,
  );
  return { added: inserted.length, bytes: inserted.reduce((n, row) => n + Number(row.size), 0) };
}

/** The columns an event is stored in: resource facts in their own columns, the rest as metadata. */
function columnsOf(event: WorkspaceEvent): Record<string, unknown> {
  if (event.type === EventType.SnapshotCompleted || event.type === EventType.SnapshotFailed)
    return { type: event.type, metadata: event.data };
  return {
    type: event.type,
    kind: event.kind,
    resource_id: event.resourceId,
    natural_key: event.naturalKey,
    blob_hash: hashAfter(event) ?? null,
  };
}

/** Appends events with consecutive versions after `afterVersion`; returns the last version written. */
export async function insertEvents(
  tx: Tx,
  envelope: EventEnvelope,
  afterVersion: number,
  events: readonly WorkspaceEvent[],
): Promise<number> {
  if (!events.length) return afterVersion;
  const rows = events.map((event, i) => ({ version: afterVersion + 1 + i, ...columnsOf(event) }));
  await tx.$executeRawUnsafe(
    `INSERT INTO event (workspace_id, version, type, kind, resource_id, natural_key, blob_hash, cause, cause_id, observed_at, metadata)
     SELECT $1::uuid, x.version, x.type, x.kind, x.resource_id, x.natural_key, x.blob_hash, $2, $3, $4::timestamptz, x.metadata
     FROM jsonb_to_recordset($5::jsonb)
       AS x(version int, type text, kind text, resource_id text, natural_key text, blob_hash text, metadata jsonb)`,
    envelope.workspaceId,
    envelope.cause,
    envelope.causeId,
    envelope.observedAt,
    JSON.stringify(rows),
  );
  const last = afterVersion + events.length;
  await tx.$executeRawUnsafe(`UPDATE workspace SET stream_version = $2 WHERE id = $1::uuid`, envelope.workspaceId, last);
  return last;
}

/**
 * Heads follow the resource events just appended (at versions after `afterVersion`, in order):
 * created and updated resources are upserted, deleted ones removed, re-keyed ones re-keyed.
 */
export async function projectHeads(tx: Tx, envelope: EventEnvelope, afterVersion: number, events: readonly ResourceEvent[]): Promise<void> {
  const versioned = events.map((event, i) => ({ event, version: afterVersion + 1 + i }));
  const upserts = versioned.filter(({ event }) => event.type === EventType.ResourceCreated || event.type === EventType.ResourceUpdated);
  for (let i = 0; i < upserts.length; i += BATCH) {
    const batch = upserts.slice(i, i + BATCH);
    await tx.$executeRawUnsafe(
      `INSERT INTO resource_head (workspace_id, kind, resource_id, natural_key, blob_hash, version, observed_at)
       SELECT $1::uuid, k, r, n, b, v, $2::timestamptz FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::int[]) AS x(k, r, n, b, v)
       ON CONFLICT (workspace_id, kind, resource_id) DO UPDATE
         SET natural_key = EXCLUDED.natural_key, blob_hash = EXCLUDED.blob_hash, version = EXCLUDED.version, observed_at = EXCLUDED.observed_at`,
      envelope.workspaceId,
      envelope.observedAt,
      batch.map(({ event }) => event.kind),
      batch.map(({ event }) => event.resourceId),
      batch.map(({ event }) => event.naturalKey),
      batch.map(({ event }) => hashAfter(event)!),
      batch.map(({ version }) => version),
    );
  }
  const rekeyed = events.filter((event) => event.type === EventType.NaturalKeyChanged);
  for (let i = 0; i < rekeyed.length; i += BATCH) {
    const batch = rekeyed.slice(i, i + BATCH);
    await tx.$executeRawUnsafe(
      `UPDATE resource_head h SET natural_key = x.n
       FROM unnest($2::text[], $3::text[], $4::text[]) AS x(k, r, n)
       WHERE h.workspace_id = $1::uuid AND h.kind = x.k AND h.resource_id = x.r`,
      envelope.workspaceId,
      batch.map((event) => event.kind),
      batch.map((event) => event.resourceId),
      batch.map((event) => event.naturalKey),
    );
  }
  const deletes = events.filter((event) => event.type === EventType.ResourceDeleted);
  for (let i = 0; i < deletes.length; i += BATCH) {
    const batch = deletes.slice(i, i + BATCH);
    await tx.$executeRawUnsafe(
      `DELETE FROM resource_head h USING unnest($2::text[], $3::text[]) AS x(k, r)
       WHERE h.workspace_id = $1::uuid AND h.kind = x.k AND h.resource_id = x.r`,
      envelope.workspaceId,
      batch.map((event) => event.kind),
      batch.map((event) => event.resourceId),
    );
  }
}
