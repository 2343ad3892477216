import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { SnapshotRequester } from '@app/application';
import { SnapshotRepository, WorkspaceRepository } from '@app/store';
import { uuidParam } from '../common/ids';
import { decodeCursor, encodeCursor, PageQuery } from '../common/pagination';
import { snapshotView } from './snapshot.view';

const STATUSES = ['queued', 'running', 'completed', 'failed'];

class ListSnapshotsQuery extends PageQuery {
  @IsOptional()
  @IsIn(STATUSES, { message: `status must be one of ${STATUSES.join(', ')}` })
  status?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isSnapshotCursor = (value: Record<string, unknown>): value is { at: string; id: string } =>
  typeof value.at === 'string' && typeof value.id === 'string' && UUID.test(value.id) && !Number.isNaN(Date.parse(value.at));

@ApiTags('snapshots')
@ApiBearerAuth()
@Controller('workspaces/:id/snapshots')
export class SnapshotsController {
  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly snapshots: SnapshotRepository,
    private readonly requester: SnapshotRequester,
  ) {}

  /** Queues a snapshot (202). If one is already queued or running, that one is returned. */
  @Post()
  @HttpCode(202)
  async request(@Param('id', uuidParam()) id: string) {
    await this.workspaces.get(id);
    const { snapshot, jobId, joined } = await this.requester.request({ workspaceId: id, trigger: 'manual' });
    return { snapshotId: snapshot.id, jobId, status: snapshot.status, joined };
  }

  @Get()
  async list(@Param('id', uuidParam()) id: string, @Query() query: ListSnapshotsQuery) {
    await this.workspaces.get(id, { allowArchived: true });
    const limit = query.limit ?? 50;
    const before = decodeCursor(query.cursor, isSnapshotCursor);
    const rows = await this.snapshots.list(id, {
      take: limit + 1,
      status: query.status,
      before: before && { requestedAt: new Date(before.at), id: before.id },
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(snapshotView),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.requestedAt.toISOString(), id: last.id }) : null,
    };
  }

  @Get(':sid')
  async get(@Param('id', uuidParam()) id: string, @Param('sid', uuidParam('snapshot', 'sid')) sid: string) {
    await this.workspaces.get(id, { allowArchived: true });
    return snapshotView(await this.snapshots.get(id, sid));
  }
}
