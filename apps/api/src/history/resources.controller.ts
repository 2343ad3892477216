import { Resource } from '@app/core';
import { Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiAuthErrors } from '../common/api-docs';
import { ResourcePageResponse } from './dto/resource.responses';

import { uuidParam } from '../common/ids';
import { StateQuery } from './dto/state.query';
import { ResourcesService } from './resources.service';
import { resolvedView } from './views';
import { WorkspaceRefs } from '../auth/workspace-scope';
import { ApiController } from '../common/api-controller';

const resourceView = (r: Resource) => ({
  kind: r.kind,
  id: r.id,
  naturalKey: r.naturalKey,
  name: r.displayName,
  version: r.version,
  observedAt: r.observedAt,
  hash: r.hash,
  body: r.body,
});

@ApiController({ path: 'workspaces/:id/resources', tag: 'history', scope: WorkspaceRefs.param() })
export class ResourcesController {
  constructor(private readonly resources: ResourcesService) {}

  /**
   * The resources of a workspace at a version or instant (latest by default). A cursor keeps
   * its version, so that paging through `latest` stays consistent while new snapshots land.
   */
  @Get()
  @ApiOperation({
    summary: 'The resources of a workspace at a version or instant (latest by default)',
    description: 'Filter by kind, name or label. A cursor keeps its version, so paging through `latest` stays consistent.',
  })
  @ApiOkResponse({ type: ResourcePageResponse })
  @ApiAuthErrors(404)
  async list(@Param('id', uuidParam()) id: string, @Query() query: StateQuery) {
    const page = await this.resources.list(id, query);
    return { at: resolvedView(page.point), total: page.total, items: page.items.map(resourceView), nextCursor: page.nextCursor };
  }
}
