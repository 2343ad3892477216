import { Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { ApiAuthErrors } from '../common/api-docs';
import { ResourceHistoryResponse } from './dto/resource.responses';
import { uuidParam } from '../common/ids';
import { ResourceHistoryService } from './resource-history.service';
import { WorkspaceRefs } from '../auth/workspace-scope';
import { ApiController } from '../common/api-controller';

@ApiController({ path: 'workspaces/:id/resources/:kind/:rid/history', tag: 'history', scope: WorkspaceRefs.param() })
export class ResourceHistoryController {
  constructor(private readonly history: ResourceHistoryService) {}

  /**
   * Every event of one resource, each with its JSON Patch from the previous state and the
   * snapshot or plan that caused it, and field-level blame: for each field of its latest body,
   * the version and time it last changed.
   */
  @Get()
  @ApiOperation({
    summary: 'The history of one resource: every event with its JSON Patch, and field-level blame',
    description: 'Each event names the snapshot or plan that caused it; blame gives, per field, the version and time it last changed.',
  })
  @ApiParam({ name: 'kind', description: 'Kind name', example: 'destination' })
  @ApiParam({ name: 'rid', description: "The resource's id" })
  @ApiOkResponse({ type: ResourceHistoryResponse })
  @ApiAuthErrors(404)
  get(@Param('id', uuidParam()) id: string, @Param('kind') kind: string, @Param('rid') rid: string) {
    return this.history.timeline(id, kind, rid);
  }
}
