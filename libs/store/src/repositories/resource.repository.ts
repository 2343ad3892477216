import { Injectable } from '@nestjs/common';
import { ResourceEntry } from '@app/core';
import { PrismaService } from '../prisma.service';

/** The heads projection: what a snapshot compares its observations with. */
@Injectable()
export class ResourceRepository {
  constructor(private readonly prisma: PrismaService) {}

  async heads(workspaceId: string): Promise<ResourceEntry[]> {
    const rows = await this.prisma.$queryRawUnsafe<
      Array<{ kind: string; resource_id: string; blob_hash: string; natural_key: string; version: number; observed_at: Date }>
    >(
      `SELECT kind, resource_id, blob_hash, natural_key, version, observed_at FROM resource_head WHERE workspace_id = $1::uuid`,
      workspaceId,
    );
    return rows.map((r) => ({
      kind: r.kind,
      id: r.resource_id,
      hash: r.blob_hash,
      naturalKey: r.natural_key,
      version: Number(r.version),
      observedAt: r.observed_at,
    }));
  }
}
