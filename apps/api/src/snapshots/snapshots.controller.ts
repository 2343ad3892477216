import { Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiAuthErrors } from '../common/api-docs';
import { SnapshotPageResponse, SnapshotQueuedResponse, SnapshotResponse } from './dto/snapshot.responses';
import { uuidParam } from '../common/ids';
import { mapPage } from '../common/pagination';
import { ListSnapshotsQuery } from './dto/list-snapshots.query';
import { snapshotView } from './snapshot.view';
import { SnapshotsService } from './snapshots.service';
import { WorkspaceRefs } from '../auth/workspace-scope';
import { ApiController } from '../common/api-controller';

@ApiController({ path: 'workspaces/:id/snapshots', tag: 'snapshots', scope: WorkspaceRefs.param() })
export class SnapshotsController {
  constructor(private readonly snapshots: SnapshotsService) {}

  /** Queues a snapshot (202). If one is already queued or running, that one is returned. */
  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Take a snapshot now (queued)',
    description: 'If one is already queued or running, that one is returned (joined: true).',
  })
  @ApiAcceptedResponse({ type: SnapshotQueuedResponse })
  @ApiAuthErrors(404, 409)
  async request(@Param('id', uuidParam()) id: string) {
    const { snapshot, jobId, joined } = await this.snapshots.request(id);
    return { snapshotId: snapshot.id, jobId, status: snapshot.status, joined };
  }

  @Get()
  @ApiOperation({ summary: 'List snapshots of a workspace, newest first' })
  @ApiOkResponse({ type: SnapshotPageResponse })
  @ApiAuthErrors(404)
  async list(@Param('id', uuidParam()) id: string, @Query() query: ListSnapshotsQuery) {
    return mapPage(await this.snapshots.list(id, query), snapshotView);
  }

  @Get(':sid')
  @ApiOperation({ summary: 'A snapshot: status, changes counted, requests sent, error' })
  @ApiOkResponse({ type: SnapshotResponse })
  @ApiAuthErrors(404)
  async get(@Param('id', uuidParam()) id: string, @Param('sid', uuidParam('snapshot', 'sid')) sid: string) {
    return snapshotView(await this.snapshots.get(id, sid));
  }
}
