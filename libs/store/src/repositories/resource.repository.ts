import { Injectable } from '@nestjs/common';
import { HeadRef } from '@app/core';
import { PrismaService } from '../prisma.service';

/** The heads projection: what a snapshot compares its observations with. */
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
}
