import { Injectable } from '@nestjs/common';
import { HeadRef, JsonObject } from '@app/core';
import { PrismaService } from '../prisma.service';

export interface StoredResource {
  kind: string;
  resourceId: string;
  naturalKey: string;
  blobHash: string;
  version: number;
  observedAt: Date;
  body: JsonObject;
}

/** Reads of current state: the heads projection joined with blob bodies. */
@Injectable()
export class ResourceRepository {
  constructor(private readonly prisma: PrismaService) {}

  async heads(workspaceId: string): Promise<HeadRef[]> {
    const rows = await this.prisma.$queryRawUnsafe<Array<{ kind: string; resource_id: string; blob_hash: string; natural_key: string }>>(
      `SELECT kind, resource_id, blob_hash, natural_key FROM resource_head WHERE workspace_id = $1::uuid`,
      workspaceId,
    );
    return rows.map((r) => ({ kind: r.kind, resourceId: r.resource_id, blobHash: r.blob_hash, naturalKey: r.natural_key }));
  }

  async current(workspaceId: string, options: { kind?: string; take?: number; after?: { kind: string; resourceId: string } } = {}): Promise<StoredResource[]> {
    const params: unknown[] = [workspaceId];
    let where = 'h.workspace_id = $1::uuid';
    if (options.kind) {
      params.push(options.kind);
      where += ` AND h.kind = $${params.length}`;
    }
    if (options.after) {
      params.push(options.after.kind, options.after.resourceId);
      where += ` AND (h.kind, h.resource_id) > ($${params.length - 1}, $${params.length})`;
    }
    const limit = options.take ? ` LIMIT ${Math.floor(options.take)}` : '';
    const rows = await this.prisma.$queryRawUnsafe<Array<{ kind: string; resource_id: string; natural_key: string; blob_hash: string; version: number; observed_at: Date; body: JsonObject }>>(
      `SELECT h.kind, h.resource_id, h.natural_key, h.blob_hash, h.version, h.observed_at, b.body
       FROM resource_head h JOIN blob b ON b.hash = h.blob_hash WHERE ${where} ORDER BY h.kind, h.resource_id${limit}`,
      ...params,
    );
    return rows.map((r) => ({ kind: r.kind, resourceId: r.resource_id, naturalKey: r.natural_key, blobHash: r.blob_hash, version: Number(r.version), observedAt: r.observed_at, body: r.body }));
  }
}
