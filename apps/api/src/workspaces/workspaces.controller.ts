import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { IsIn, IsOptional } from 'class-validator';
import { SnapshotRepository, WorkspaceRepository } from '@app/store';
import { uuidParam } from '../common/ids';
import { decodeCursor, encodeCursor, PageQuery } from '../common/pagination';
import { CreateWorkspaceRequest, DeleteWorkspaceQuery, UpdateWorkspaceRequest } from './dto/workspace.requests';
import { workspaceView } from './workspace.view';
import { WorkspacesService } from './workspaces.service';

class ListWorkspacesQuery extends PageQuery {
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'includeArchived must be true or false' })
  includeArchived?: 'true' | 'false';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isIdCursor = (value: Record<string, unknown>): value is { id: string } => typeof value.id === 'string' && UUID.test(value.id);

@ApiTags('workspaces')
@ApiBearerAuth()
@Controller('workspaces')
export class WorkspacesController {
  constructor(
    private readonly service: WorkspacesService,
    private readonly workspaces: WorkspaceRepository,
    private readonly snapshots: SnapshotRepository,
  ) {}

  @Post()
  async create(@Body() body: CreateWorkspaceRequest) {
    return workspaceView(await this.service.create(body), null);
  }

  @Get()
  async list(@Query() query: ListWorkspacesQuery) {
    const limit = query.limit ?? 50;
    const after = decodeCursor(query.cursor, isIdCursor);
    const rows = await this.workspaces.list({ includeArchived: query.includeArchived === 'true', take: limit + 1, afterId: after?.id });
    const items = rows.slice(0, limit);
    return {
      items: items.map((w) => workspaceView(w)),
      nextCursor: rows.length > limit ? encodeCursor({ id: items[items.length - 1]!.id }) : null,
    };
  }

  @Get(':id')
  async get(@Param('id', uuidParam()) id: string) {
    const workspace = await this.workspaces.get(id, { allowArchived: true });
    return workspaceView(workspace, await this.snapshots.lastCompleted(id));
  }

  @Patch(':id')
  async update(@Param('id', uuidParam()) id: string, @Body() body: UpdateWorkspaceRequest) {
    return workspaceView(await this.service.update(id, body));
  }

  @Delete(':id')
  @HttpCode(200)
  async remove(@Param('id', uuidParam()) id: string, @Query() query: DeleteWorkspaceQuery, @Res({ passthrough: true }) response: Response) {
    const result = await this.service.remove(id, { purge: query.purge === 'true', confirm: query.confirm });
    if (result.purged) {
      response.status(204);
      return undefined;
    }
    return workspaceView(result.workspace!);
  }
}
