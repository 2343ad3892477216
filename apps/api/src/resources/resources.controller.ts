import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { ValidationError } from '@app/core';
import { SEGMENT_CATALOG } from '@app/segment';
import { ResourceRepository, WorkspaceRepository } from '@app/store';
import { uuidParam } from '../common/ids';
import { decodeCursor, encodeCursor, PageQuery } from '../common/pagination';

class ResourcesQuery extends PageQuery {
  @IsOptional()
  @IsString()
  kind?: string;
}

const isResourceCursor = (value: Record<string, unknown>): value is { kind: string; id: string } => typeof value.kind === 'string' && typeof value.id === 'string';

@ApiTags('resources')
@ApiBearerAuth()
@Controller('workspaces/:id/resources')
export class ResourcesController {
  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly resources: ResourceRepository,
  ) {}

  /** The current state: every resource the latest snapshots recorded, optionally of one kind. */
  @Get()
  async list(@Param('id', uuidParam()) id: string, @Query() query: ResourcesQuery) {
    await this.workspaces.get(id, { allowArchived: true });
    if (query.kind !== undefined && !SEGMENT_CATALOG.has(query.kind)) {
      throw new ValidationError('kind', `kind must be one of ${SEGMENT_CATALOG.names().join(', ')}`);
    }
    const limit = query.limit ?? 100;
    const after = decodeCursor(query.cursor, isResourceCursor);
    const rows = await this.resources.current(id, { kind: query.kind, take: limit + 1, after: after && { kind: after.kind, resourceId: after.id } });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => ({ kind: r.kind, id: r.resourceId, naturalKey: r.naturalKey, version: r.version, observedAt: r.observedAt, hash: r.blobHash, body: r.body })),
      nextCursor: rows.length > limit && last ? encodeCursor({ kind: last.kind, id: last.resourceId }) : null,
    };
  }
}
