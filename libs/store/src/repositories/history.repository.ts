import { Injectable } from '@nestjs/common';
import { EventType, isResourceEventType, JsonObject, RESOURCE_EVENT_TYPES, ResourceEntry, StoredResourceEvent } from '@app/core';
import { PrismaService } from '../prisma.service';
import { BlobCache } from '../state/blob-cache';

export interface VersionPoint {
  version: number;
  observedAt: Date;
  snapshotId: string | null;
}

/** Read queries over the log: snapshot boundaries, state at a version, one resource's events. */
@Injectable()
export class HistoryRepository {
  readonly blobs = new BlobCache();

  constructor(private readonly prisma: PrismaService) {}

  /** The completed snapshot at or before a version (states are only read at snapshot boundaries). */
  async completedAtOrBefore(workspaceId: string, version: number): Promise<VersionPoint | null> {
    return this.point(`version <= $2 ORDER BY version DESC`, workspaceId, version);
  }

  async completedAtOrBeforeTime(workspaceId: string, time: Date): Promise<VersionPoint | null> {
    return this.point(`observed_at <= $2::timestamptz ORDER BY version DESC`, workspaceId, time);
  }

  async firstCompleted(workspaceId: string): Promise<VersionPoint | null> {
    return this.point(`true ORDER BY version ASC`, workspaceId);
  }

  async latestCompleted(workspaceId: string): Promise<VersionPoint | null> {
    return this.point(`true ORDER BY version DESC`, workspaceId);
  }

  private async point(condition: string, workspaceId: string, value?: unknown): Promise<VersionPoint | null> {
    const rows = await this.prisma.$queryRawUnsafe<Array<{ version: number; observed_at: Date; snapshot_id: string | null }>>(
      `SELECT version, observed_at, metadata->>'snapshotId' AS snapshot_id FROM event
       WHERE workspace_id = $1::uuid AND type = $${value === undefined ? 2 : 3} AND ${condition} LIMIT 1`,
      workspaceId,
      ...(value === undefined ? [] : [value]),
      EventType.SnapshotCompleted,
    );
    const row = rows[0];
    return row ? { version: Number(row.version), observedAt: row.observed_at, snapshotId: row.snapshot_id } : null;
  }

  /**
   * Every resource alive at `version`, without bodies: the latest event of each (content change
   * or natural-key change), unless that is a deletion. One DISTINCT ON over the workspace's
   * events; times come back as epoch milliseconds, cheaper to read than timestamps.
   */
  async stateAt(workspaceId: string, version: number): Promise<ResourceEntry[]> {
    return (await this.latestEvents(workspaceId, 0, version)).filter((e) => !e.deleted).map(({ deleted: _deleted, ...entry }) => entry);
  }

  /**
   * The latest event of each resource with an event in (after, upTo]: what must be applied to
   * the state at `after` to get the state at `upTo` (deleted ones are removed).
   */
  async changesBetween(workspaceId: string, after: number, upTo: number): Promise<Array<ResourceEntry & { deleted: boolean }>> {
    return this.latestEvents(workspaceId, after, upTo);
  }

  private async latestEvents(workspaceId: string, after: number, upTo: number): Promise<Array<ResourceEntry & { deleted: boolean }>> {
    const rows = await this.prisma.rows<{
      kind: string;
      resource_id: string;
      natural_key: string;
      blob_hash: string | null;
      version: number;
      observed_ms: number;
      deleted: boolean;
    }>(
      `SELECT DISTINCT ON (kind, resource_id) kind, resource_id, natural_key, blob_hash, version,
              (extract(epoch FROM observed_at) * 1000)::float8 AS observed_ms, type = $5 AS deleted
       FROM event
       WHERE workspace_id = $1::uuid AND version > $2 AND version <= $3 AND type = ANY($4::text[])
       ORDER BY kind, resource_id, version DESC`,
      [workspaceId, after, upTo, RESOURCE_EVENT_TYPES, EventType.ResourceDeleted],
    );
    return rows.map((r) => ({
      kind: r.kind,
      id: r.resource_id,
      naturalKey: r.natural_key,
      hash: r.blob_hash ?? '',
      version: r.version,
      observedAt: new Date(r.observed_ms),
      deleted: r.deleted,
    }));
  }

  /** Bodies by hash, from the cache or, for the rest, in one query. */
  async bodies(hashes: string[]): Promise<Map<string, JsonObject>> {
    const found = new Map<string, JsonObject>();
    const missing = new Set<string>();
    for (const hash of hashes) {
      const body = this.blobs.get(hash);
      if (body) found.set(hash, body);
      else missing.add(hash);
    }
    if (missing.size) {
      const rows = await this.prisma.rows<{ hash: string; body: string }>(
        `SELECT hash, body::text AS body FROM blob WHERE hash = ANY($1::text[])`,
        [[...missing]],
      );
      for (const row of rows) found.set(row.hash, this.blobs.set(row.hash, row.body));
    }
    return found;
  }

  /** Every event of one resource, oldest first, with its body. */
  async resourceEvents(workspaceId: string, kind: string, resourceId: string): Promise<StoredResourceEvent[]> {
    const rows = await this.prisma.$queryRawUnsafe<
      Array<{
        version: number;
        type: string;
        natural_key: string | null;
        blob_hash: string | null;
        cause: string;
        cause_id: string | null;
        observed_at: Date;
        body: JsonObject | null;
      }>
    >(
      `SELECT e.version, e.type, e.natural_key, e.blob_hash, e.cause, e.cause_id, e.observed_at, b.body
       FROM event e LEFT JOIN blob b ON b.hash = e.blob_hash
       WHERE e.workspace_id = $1::uuid AND e.kind = $2 AND e.resource_id = $3
       ORDER BY e.version ASC`,
      workspaceId,
      kind,
      resourceId,
    );
    return rows.flatMap((r) => {
      if (!isResourceEventType(r.type)) return [];
      return [
        {
          version: Number(r.version),
          type: r.type,
          naturalKey: r.natural_key,
          blobHash: r.blob_hash,
          cause: r.cause,
          causeId: r.cause_id,
          observedAt: r.observed_at,
          body: r.body,
        },
      ];
    });
  }
}
