import { Inject, Injectable } from '@nestjs/common';
import { KIND_CATALOG, KindCatalog, NotFoundError, resourceTimeline } from '@app/core';
import { HistoryRepository, WorkspaceRepository } from '@app/store';
import { checkKind } from './state-filters';

@Injectable()
export class ResourceHistoryService {
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
  async timeline(workspaceId: string, kind: string, resourceId: string) {
    checkKind(this.catalog, kind);
    const workspace = await this.workspaces.get(workspaceId, { allowArchived: true });
    const events = await this.history.resourceEvents(workspace.id, kind, resourceId);
    if (!events.length)
      throw new NotFoundError(`No ${kind} '${resourceId}' in the history of workspace '${workspace.name}'`, { kind, id: resourceId });
    return { kind, id: resourceId, ...resourceTimeline(this.catalog.get(kind), resourceId, events) };
  }
}
