import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '../common/ids';
import { mapPage } from '../common/pagination';
import { ListSnapshotsQuery } from './dto/list-snapshots.query';
import { snapshotView } from './snapshot.view';
import { SnapshotsService } from './snapshots.service';
import { ScopedBy, WorkspaceRefs } from '../auth/workspace-scope';

@ApiTags('snapshots')
@ApiBearerAuth()
@ScopedBy(WorkspaceRefs.param())
@Controller('workspaces/:id/snapshots')
export class SnapshotsController {
  constructor(private readonly snapshots: SnapshotsService) {}

  /** Queues a snapshot (202). If one is already queued or running, that one is returned. */
  @Post()
  @HttpCode(202)
  async request(@Param('id', uuidParam()) id: string) {
    const { snapshot, jobId, joined } = await this.snapshots.request(id);
    return { snapshotId: snapshot.id, jobId, status: snapshot.status, joined };
  }

  @Get()
  async list(@Param('id', uuidParam()) id: string, @Query() query: ListSnapshotsQuery) {
    return mapPage(await this.snapshots.list(id, query), snapshotView);
  }

  @Get(':sid')
  async get(@Param('id', uuidParam()) id: string, @Param('sid', uuidParam('snapshot', 'sid')) sid: string) {
    return snapshotView(await this.snapshots.get(id, sid));
  }
}
