import { Inject, Injectable } from '@nestjs/common';
import { KIND_CATALOG, KindCatalog, parseAt, Resource, ResourceEntry } from '@app/core';
import { ResolvedVersion, StateReader, WorkspaceRepository } from '@app/store';
import { decodeCursor, encodeCursor, Page, PageRequest } from '../common/pagination';
import { checkKind, checkLabel, filterLoaded, StateFilter } from './state-filters';

export interface StateRequest extends PageRequest, StateFilter {
  /** A version, an ISO-8601 instant or `latest` (the default). */
  at?: string;
}

export interface StatePage extends Page<Resource> {
  /** The snapshot that answered. */
  point: ResolvedVersion;
  /** How many resources match, on every page. */
  total: number;
}

/** The cursor keeps the version it was made at, and the last resource shown. */
const isStateCursor = (value: Record<string, unknown>): value is { v: number; k: string; i: string } =>
  typeof value.v === 'number' && typeof value.k === 'string' && typeof value.i === 'string';

@Injectable()
export class ResourcesService {
  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly states: StateReader,
    @Inject(KIND_CATALOG) private readonly catalog: KindCatalog,
  ) {}

  /**
   * The resources of a workspace at a version or instant (latest by default), bodies included. A
   * cursor keeps its version, so that paging through `latest` stays consistent while new
   * snapshots land. Only the page's bodies are loaded, unless a filter reads them all.
   */
  async list(workspaceId: string, request: StateRequest): Promise<StatePage> {
    checkKind(this.catalog, request.kind);
    checkLabel(request.label);
    const workspace = await this.workspaces.get(workspaceId, { allowArchived: true });
    const cursor = decodeCursor(request.cursor, isStateCursor);
    const point = await this.states.resolve(workspace, cursor ? { version: cursor.v } : parseAt(request.at));
    const state = await this.states.stateAt(workspace, point);
    // Kind alone needs no bodies; name and label filters read them all (from the blob cache after the first time).
    const matching: ResourceEntry[] =
      request.name || request.label
        ? filterLoaded(this.catalog, await this.states.loadAll(state), request)
        : state.entries.filter((e) => !request.kind || e.kind === request.kind);
    const start = cursor ? matching.findIndex((r) => r.kind === cursor.k && r.id === cursor.i) + 1 : 0;
    const limit = request.limit ?? 100;
    const items = await this.states.load(matching.slice(start, start + limit));
    const last = items[items.length - 1];
    return {
      point,
      total: matching.length,
      items,
      nextCursor: start + limit < matching.length && last ? encodeCursor({ v: point.version, k: last.kind, i: last.id }) : null,
    };
  }
}
