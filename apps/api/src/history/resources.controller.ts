import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { KIND_CATALOG, KindCatalog, ResourceEntry } from '@app/core';
import { parseAt, StateReader, WorkspaceRepository } from '@app/store';
import { uuidParam } from '../common/ids';
import { decodeCursor, encodeCursor, PageQuery } from '../common/pagination';
import { checkKind, checkLabel, filterLoaded } from './state-filters';
import { resolvedView } from './views';

class StateQuery extends PageQuery {
  /** A version, an ISO-8601 instant, or `latest` (the default). */
  @IsOptional()
  @IsString()
  at?: string;

  @IsOptional()
  @IsString()
  kind?: string;

  /** Case-insensitive part of the name or natural key. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  /** `key:value`: resources carrying the label, or belonging to a source that does. */
  @IsOptional()
  @IsString()
  label?: string;
}

const isStateCursor = (value: Record<string, unknown>): value is { v: number; k: string; i: string } =>
  typeof value.v === 'number' && typeof value.k === 'string' && typeof value.i === 'string';

@ApiTags('history')
@ApiBearerAuth()
@Controller('workspaces/:id/resources')
export class ResourcesController {
  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly states: StateReader,
    @Inject(KIND_CATALOG) private readonly catalog: KindCatalog,
  ) {}

  /**
   * The resources of a workspace at a version or instant (latest by default). A cursor keeps
   * its version, so that paging through `latest` stays consistent while new snapshots land.
   */
  @Get()
  async list(@Param('id', uuidParam()) id: string, @Query() query: StateQuery) {
    checkKind(this.catalog, query.kind);
    checkLabel(query.label);
    const workspace = await this.workspaces.get(id, { allowArchived: true });
    const cursor = decodeCursor(query.cursor, isStateCursor);
    const at = cursor ? { version: cursor.v } : parseAt(query.at);
    const point = await this.states.resolve(workspace, at);
    const state = await this.states.stateAt(workspace, point);
    // Kind alone needs no bodies; name and label filters read them all (from the blob cache after the first time).
    const matching: ResourceEntry[] =
      query.name || query.label
        ? filterLoaded(this.catalog, await this.states.loadAll(state), query)
        : state.entries.filter((e) => !query.kind || e.kind === query.kind);
    const start = cursor ? matching.findIndex((r) => r.kind === cursor.k && r.id === cursor.i) + 1 : 0;
    const limit = query.limit ?? 100;
    const items = await this.states.load(matching.slice(start, start + limit));
    const last = items[items.length - 1];
    return {
      at: resolvedView(point),
      total: matching.length,
      items: items.map((r) => ({
        kind: r.kind,
        id: r.id,
        naturalKey: r.naturalKey,
        name: r.displayName,
        version: r.version,
        observedAt: r.observedAt,
        hash: r.hash,
        body: r.body,
      })),
      nextCursor: start + limit < matching.length && last ? encodeCursor({ v: point.version, k: last.kind, i: last.id }) : null,
    };
  }
}
