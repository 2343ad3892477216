import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { blame, jsonPatch, KIND_CATALOG, KindCatalog, NotFoundError, summarizeChange } from '@app/core';
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
    const definition = this.catalog.get(kind);
    let previous: unknown = null;
    const timeline = events.map((event) => {
      const body = event.type === 'ResourceDeleted' ? null : event.body;
      const ops = previous !== null && body !== null ? jsonPatch(previous, body) : [];
      const status = event.type === 'ResourceCreated' ? 'created' : event.type === 'ResourceDeleted' ? 'deleted' : 'changed';
      const name = definition.displayName((body ?? previous ?? {}) as Record<string, never>) || event.naturalKey || rid;
      const entry = {
        version: event.version,
        type: event.type,
        observedAt: event.observedAt,
        cause: event.cause,
        causeId: event.causeId,
        naturalKey: event.naturalKey,
        hash: event.blobHash,
        patch: ops,
        summary:
          event.type === 'NaturalKeyChanged'
            ? `${definition.label} '${name}': natural key is now '${event.naturalKey}' (something it refers to was renamed)`
            : summarizeChange(definition.label, name, status, ops, previous ?? undefined),
      };
      if (body !== null) previous = body;
      else previous = null;
      return entry;
    });
    const last = events[events.length - 1]!;
    const lastBody = [...events].reverse().find((e) => e.body !== null)?.body ?? null;
    return {
      kind,
      id: rid,
      naturalKey: last.naturalKey,
      exists: last.type !== 'ResourceDeleted',
      body: lastBody,
      events: timeline,
      blame: blame(events.map((e) => ({ version: e.version, observedAt: e.observedAt, cause: e.cause, causeId: e.causeId, body: e.type === 'ResourceDeleted' ? null : e.body }))),
    };
  }
}
