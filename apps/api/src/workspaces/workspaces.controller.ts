import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthenticatedRequest } from '../auth/api-key.guard';
import { uuidParam } from '../common/ids';
import { mapPage } from '../common/pagination';
import { DeleteWorkspaceQuery } from './dto/delete-workspace.query';
import { ListWorkspacesQuery } from './dto/list-workspaces.query';
import { CreateWorkspaceRequest, UpdateWorkspaceRequest } from './dto/workspace.requests';
import { workspaceView } from './workspace.view';
import { WorkspacesService } from './workspaces.service';
import { FILTERED_BY_SCOPE, GLOBAL_ROUTE, ScopedBy, WorkspaceRefs } from '../auth/workspace-scope';
import { auditAction } from '../audit/audit-context';

@ApiTags('workspaces')
@ApiBearerAuth()
@ScopedBy(WorkspaceRefs.param())
@Controller('workspaces')
export class WorkspacesController {
  constructor(private readonly service: WorkspacesService) {}

  @Post()
  @ScopedBy(GLOBAL_ROUTE)
  async create(@Body() body: CreateWorkspaceRequest) {
    return workspaceView(await this.service.create(body), null);
  }

  @Get()
  @ScopedBy(FILTERED_BY_SCOPE)
  async list(@Query() query: ListWorkspacesQuery, @Req() request: AuthenticatedRequest) {
    const page = await this.service.list({
      ...query,
      includeArchived: query.includeArchived === 'true',
      only: request.principal?.workspaces,
    });
    return mapPage(page, (workspace) => workspaceView(workspace));
  }

  @Get(':id')
  async get(@Param('id', uuidParam()) id: string) {
    const { workspace, lastSnapshot } = await this.service.get(id);
    return workspaceView(workspace, lastSnapshot);
  }

  @Patch(':id')
  async update(@Param('id', uuidParam()) id: string, @Body() body: UpdateWorkspaceRequest, @Req() request: AuthenticatedRequest) {
    return workspaceView(await this.service.update(id, body, { role: request.principal?.role ?? 'viewer' }));
  }

  @Delete(':id')
  @HttpCode(200)
  async remove(
    @Param('id', uuidParam()) id: string,
    @Query() query: DeleteWorkspaceQuery,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const purge = query.purge === 'true';
    if (purge) auditAction(request, 'workspaces.purge');
    const result = await this.service.remove(id, { purge, confirm: query.confirm, role: request.principal?.role ?? 'viewer' });
    if (result.purged) {
      response.status(204);
      return undefined;
    }
    return workspaceView(result.workspace!);
  }
}
