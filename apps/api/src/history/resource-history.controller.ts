import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { KIND_CATALOG, KindCatalog, NotFoundError, resourceTimeline } from '@app/core';
import { HistoryRepository, WorkspaceRepository } from '@app/store';
import { uuidParam } from '../common/ids';
import { checkKind } from './state-filters';

@ApiTags('history')
@ApiBearerAuth()
@Controller('workspaces/:id/resources/:kind/:rid/history')
export class ResourceHistoryController {
  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly history: HistoryRepository,
    @Inject(KIND_CATALOG) private readonly catalog: KindCatalog,
  ) {}

  /**
   * Every event of one resource, each with its JSON Patch from the previous state and the
   * snapshot or plan that caused it, and field-level blame: for each field of its latest body,
   * the version and time it last changed.
   */
  @Get()
  async get(@Param('id', uuidParam()) id: string, @Param('kind') kind: string, @Param('rid') rid: string) {
    checkKind(this.catalog, kind);
    const workspace = await this.workspaces.get(id, { allowArchived: true });
    const events = await this.history.resourceEvents(workspace.id, kind, rid);
    if (!events.length) throw new NotFoundError(`No ${kind} '${rid}' in the history of workspace '${workspace.name}'`, { kind, id: rid });
    return { kind, id: rid, ...resourceTimeline(this.catalog.get(kind), rid, events) };
  }
}
