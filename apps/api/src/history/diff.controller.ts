import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { crossWorkspaceDiff, diffStates, hashesToCompare, KIND_CATALOG, KindCatalog, resourceKey, ValidationError } from '@app/core';
import { parseAt, StateReader, WorkspaceRepository } from '@app/store';
import { uuidParam } from '../common/ids';
import { decodeCursor, encodeCursor, PageQuery } from '../common/pagination';
import { checkKind } from './state-filters';
import { resolvedView } from './views';

class WorkspaceDiffQuery extends PageQuery {
  @IsString({ message: 'from is required: a version, an ISO-8601 instant or latest' })
  from!: string;

  @IsOptional()
  @IsString()
  to?: string;

  @IsOptional()
  @IsString()
  kind?: string;

  @IsOptional()
  @IsIn(['created', 'deleted', 'changed'], { message: 'status must be created, deleted or changed' })
  status?: string;
}

class CrossDiffQuery extends PageQuery {
  @IsString({ message: 'left is required: <workspace id or name>[@<version|instant|latest>]' })
  left!: string;

  @IsString({ message: 'right is required: <workspace id or name>[@<version|instant|latest>]' })
  right!: string;

  @IsOptional()
  @IsString()
  kind?: string;

  @IsOptional()
  @IsIn(['onlyLeft', 'onlyRight', 'changed', 'ambiguous'], { message: 'status must be onlyLeft, onlyRight, changed or ambiguous' })
  status?: string;
}

const isOffsetCursor = (value: Record<string, unknown>): value is { o: number; q: string } =>
  Number.isInteger(value.o) && typeof value.q === 'string';

/** Pages a computed list; the cursor carries the query it belongs to. */
function page<T>(items: T[], query: PageQuery, signature: string) {
  const cursor = decodeCursor(query.cursor, isOffsetCursor);
  if (cursor && cursor.q !== signature) throw new ValidationError('cursor', 'cursor belongs to another query');
  const start = cursor?.o ?? 0;
  const limit = query.limit ?? 100;
  return {
    items: items.slice(start, start + limit),
    nextCursor: start + limit < items.length ? encodeCursor({ o: start + limit, q: signature }) : null,
  };
}

const sum = (totals: Record<string, Record<string, number>>) =>
  Object.values(totals).reduce<Record<string, number>>((acc, t) => {
    for (const [k, v] of Object.entries(t)) acc[k] = (acc[k] ?? 0) + v;
    return acc;
  }, {});

@ApiTags('history')
@ApiBearerAuth()
@Controller()
export class DiffController {
  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly states: StateReader,
    @Inject(KIND_CATALOG) private readonly catalog: KindCatalog,
  ) {}

  /** What changed in one workspace between two versions or instants (to defaults to latest). */
  @Get('workspaces/:id/diff')
  async workspaceDiff(@Param('id', uuidParam()) id: string, @Query() query: WorkspaceDiffQuery) {
    checkKind(this.catalog, query.kind);
    const workspace = await this.workspaces.get(id, { allowArchived: true });
    const [from, to] = await Promise.all([
      this.states.resolve(workspace, parseAt(query.from, 'from')),
      this.states.resolve(workspace, parseAt(query.to, 'to')),
    ]);
    // one after the other: the later state is read as the earlier one plus the events between
    const [first, second] = from.version <= to.version ? [from, to] : [to, from];
    const earlier = await this.states.stateAt(workspace, first);
    const later = await this.states.stateAt(workspace, second);
    const [before, after] = from.version <= to.version ? [earlier, later] : [later, earlier];
    const keep = (r: { kind: string }) => !query.kind || r.kind === query.kind;
    const [a, b] = [before.entries.filter(keep), after.entries.filter(keep)];
    const bodies = await this.states.bodies(hashesToCompare(a, b));
    const diff = diffStates(this.catalog, a, b, (hash) => bodies.get(hash)!);
    // a deleted resource keeps the key it had; everything else is named as it is now
    const entries = diff.entries
      .filter((e) => !query.status || e.status === query.status)
      .map((e) => ({
        ...e,
        naturalKey: (after.byKey.get(resourceKey(e.kind, e.id)) ?? before.byKey.get(resourceKey(e.kind, e.id)))?.naturalKey ?? e.naturalKey,
      }));
    return {
      from: resolvedView(from),
      to: resolvedView(to),
      totals: diff.totals,
      total: sum(diff.totals as unknown as Record<string, Record<string, number>>),
      ...page(entries, query, `${id}:${from.version}:${to.version}:${query.kind ?? ''}:${query.status ?? ''}`),
    };
  }

  /**
   * Two workspaces compared by natural key (ids never count as differences): references are
   * compared by what they point to, masked secrets are reported as not comparable.
   */
  @Get('diff')
  async crossDiff(@Query() query: CrossDiffQuery) {
    checkKind(this.catalog, query.kind);
    const [left, right] = await Promise.all([this.side(query.left, 'left'), this.side(query.right, 'right')]);
    const diff = crossWorkspaceDiff(this.catalog, left.state, right.state, { kinds: query.kind ? new Set([query.kind]) : undefined });
    const entries = diff.entries.filter((e) => !query.status || e.status === query.status);
    return {
      left: { workspace: { id: left.workspace.id, name: left.workspace.name }, at: resolvedView(left.state.point) },
      right: { workspace: { id: right.workspace.id, name: right.workspace.name }, at: resolvedView(right.state.point) },
      totals: diff.totals,
      total: sum(diff.totals as unknown as Record<string, Record<string, number>>),
      ...page(
        entries,
        query,
        `${left.workspace.id}@${left.state.point.version}:${right.workspace.id}@${right.state.point.version}:${query.kind ?? ''}:${query.status ?? ''}`,
      ),
    };
  }

  /** `<workspace id or name>[@<at>]`. */
  private async side(spec: string, field: 'left' | 'right') {
    const split = spec.lastIndexOf('@');
    const ref = split >= 0 ? spec.slice(0, split) : spec;
    const at = parseAt(split >= 0 ? spec.slice(split + 1) : undefined, field);
    if (!ref) throw new ValidationError(field, `${field} must be <workspace id or name>[@<version|instant|latest>]`);
    const workspace = await this.workspaces.byIdOrName(ref, field);
    const point = await this.states.resolve(workspace, at);
    return { workspace, state: await this.states.loadAll(await this.states.stateAt(workspace, point)) };
  }
}
