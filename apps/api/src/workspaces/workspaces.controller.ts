import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiAuthErrors } from '../common/api-docs';
import { SnapshotResponse } from '../snapshots/dto/snapshot.responses';
import { WorkspacePageResponse, WorkspaceResponse } from './dto/workspace.responses';
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
@ApiExtraModels(SnapshotResponse)
@ApiBearerAuth()
@ScopedBy(WorkspaceRefs.param())
@Controller('workspaces')
export class WorkspacesController {
  constructor(private readonly service: WorkspacesService) {}

  @Post()
  @ScopedBy(GLOBAL_ROUTE)
  @ApiOperation({
    summary: 'Register a workspace to back up',
    description: 'Its token is checked against Segment (or the base URL given), stored encrypted and never returned.',
  })
  @ApiCreatedResponse({ type: WorkspaceResponse })
  @ApiAuthErrors(409)
  async create(@Body() body: CreateWorkspaceRequest) {
    return workspaceView(await this.service.create(body), null);
  }

  @Get()
  @ScopedBy(FILTERED_BY_SCOPE)
  @ApiOperation({ summary: 'List workspaces', description: 'Only those a scoped key may touch; archived ones with includeArchived=true.' })
  @ApiOkResponse({ type: WorkspacePageResponse })
  @ApiAuthErrors()
  async list(@Query() query: ListWorkspacesQuery, @Req() request: AuthenticatedRequest) {
    const page = await this.service.list({
      ...query,
      includeArchived: query.includeArchived === 'true',
      only: request.principal?.workspaces,
    });
    return mapPage(page, (workspace) => workspaceView(workspace));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A workspace, with its latest snapshot' })
  @ApiOkResponse({ type: WorkspaceResponse })
  @ApiAuthErrors(404)
  async get(@Param('id', uuidParam()) id: string) {
    const { workspace, lastSnapshot } = await this.service.get(id);
    return workspaceView(workspace, lastSnapshot);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a workspace: name, token, base URL or region, schedule, limits',
    description: 'Moving it to another base URL or region takes the admin role.',
  })
  @ApiOkResponse({ type: WorkspaceResponse })
  @ApiAuthErrors(404, 409)
  async update(@Param('id', uuidParam()) id: string, @Body() body: UpdateWorkspaceRequest, @Req() request: AuthenticatedRequest) {
    return workspaceView(await this.service.update(id, body, { role: request.principal?.role ?? 'viewer' }));
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Archive a workspace (200), or purge it with its whole history (204)',
    description:
      'Archiving erases the token and keeps the history (restores and diffs still read it). `purge=true&confirm=<name>` deletes everything; admin only.',
  })
  @ApiOkResponse({ type: WorkspaceResponse, description: 'Archived' })
  @ApiNoContentResponse({ description: 'Purged' })
  @ApiAuthErrors(404, 409)
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
