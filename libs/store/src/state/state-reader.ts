import { Inject, Injectable } from '@nestjs/common';
import {
  AtSpec,
  describeAt,
  JsonObject,
  KIND_CATALOG,
  KindCatalog,
  NaturalKeyResolver,
  NotFoundError,
  Resource,
  ResourceEntry,
  resourceKey,
  WorkspaceState,
} from '@app/core';
import { HistoryRepository, VersionPoint } from '../repositories/history.repository';
import { WorkspaceRecord } from '../repositories/workspace.repository';

export interface ResolvedVersion extends VersionPoint {
  /** What the caller asked for, as they asked it. */
  requested: string;
  /** False when the request fell between snapshots and was answered with an earlier one. */
  exact: boolean;
}

/** A workspace's state at a snapshot boundary, its resources known by key and hash (bodies loaded on demand). */
export interface WorkspaceStateAt {
  workspaceId: string;
  workspaceSlug: string;
  point: ResolvedVersion;
  /** Sorted by catalog order, then id. */
  entries: ResourceEntry[];
  byKey: Map<string, ResourceEntry>;
}

/** A state with every body loaded, and a resolver to follow references inside it. */
export interface LoadedStateAt extends WorkspaceStateAt, WorkspaceState {
  loaded: Map<string, Resource>;
  resolver: NaturalKeyResolver;
}

const withoutDeletedFlag = ({ deleted: _deleted, ...entry }: ResourceEntry & { deleted: boolean }): ResourceEntry => entry;

const MAX_CACHED_ENTRIES = 500_000;

/**
 * The state of a workspace at a snapshot boundary, read from the log: the latest event of each
 * resource at or before the version (natural keys included: the log records when they move).
 * Entries are cheap and cached per version (states never change once written); bodies are
 * loaded only for what a request shows or compares, through the repository's blob cache.
 */
@Injectable()
export class StateReader {
  private readonly cache = new Map<string, WorkspaceStateAt>();
  private cachedEntries = 0;
  private readonly order: Map<string, number>;

  constructor(
    private readonly history: HistoryRepository,
    @Inject(KIND_CATALOG) private readonly catalog: KindCatalog,
  ) {
    this.order = new Map(catalog.names().map((name, index) => [name, index]));
  }

  /** Maps a version, an instant or `latest` to the snapshot that answers it. */
  async resolve(workspace: WorkspaceRecord, at: AtSpec): Promise<ResolvedVersion> {
    const requested = describeAt(at);
    const first = await this.history.firstCompleted(workspace.id);
    if (!first) throw new NotFoundError(`Workspace '${workspace.name}' has no completed snapshot yet`, { workspaceId: workspace.id });
    if ('latest' in at) {
      const latest = (await this.history.latestCompleted(workspace.id))!;
      return { ...latest, requested, exact: true };
    }
    if ('version' in at) {
      if (at.version > workspace.streamVersion) {
        const latest = (await this.history.latestCompleted(workspace.id))!;
        throw new NotFoundError(
          `Version ${at.version} does not exist in workspace '${workspace.name}'; its latest snapshot is version ${latest.version}`,
          { at: requested, latest: latest.version },
        );
      }
      const point = await this.history.completedAtOrBefore(workspace.id, at.version);
      if (!point)
        throw new NotFoundError(`No snapshot at or before version ${at.version}; the first snapshot is version ${first.version}`, {
          at: requested,
          first: first.version,
        });
      return { ...point, requested, exact: point.version === at.version };
    }
    const point = await this.history.completedAtOrBeforeTime(workspace.id, at.time);
    if (!point) {
      throw new NotFoundError(
        `No snapshot at or before ${at.time.toISOString()}; the first was taken at ${first.observedAt.toISOString()} (version ${first.version})`,
        {
          at: requested,
          first: first.version,
          firstObservedAt: first.observedAt,
        },
      );
    }
    return { ...point, requested, exact: false };
  }

  /** The entries of a state: every resource's kind, id, natural key and hash, no bodies. */
  async stateAt(workspace: WorkspaceRecord, point: ResolvedVersion): Promise<WorkspaceStateAt> {
    const key = `${workspace.id}@${point.version}`;
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return { ...cached, point };
    }
    // From a cached earlier state of the same workspace, only the events since are read.
    const base = this.nearestBelow(workspace.id, point.version);
    let byKey: Map<string, ResourceEntry>;
    if (base) {
      byKey = new Map(base.byKey);
      for (const change of await this.history.changesBetween(workspace.id, base.point.version, point.version)) {
        const key = resourceKey(change.kind, change.id);
        if (change.deleted) byKey.delete(key);
        else byKey.set(key, withoutDeletedFlag(change));
      }
    } else {
      byKey = new Map((await this.history.stateAt(workspace.id, point.version)).map((entry) => [resourceKey(entry.kind, entry.id), entry]));
    }
    const entries = [...byKey.values()].sort(
      (a, b) => (this.order.get(a.kind) ?? 999) - (this.order.get(b.kind) ?? 999) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    const state: WorkspaceStateAt = { workspaceId: workspace.id, workspaceSlug: workspace.segmentSlug ?? '', point, entries, byKey };
    this.remember(key, state);
    return state;
  }

  /** The given entries with their bodies. */
  async load(entries: ResourceEntry[]): Promise<Resource[]> {
    const bodies = await this.history.bodies(entries.map((e) => e.hash));
    return entries.map((entry) => this.withBody(entry, bodies.get(entry.hash)!));
  }

  /** Every body of a state, and a resolver over them (for references and label inheritance). */
  async loadAll(state: WorkspaceStateAt): Promise<LoadedStateAt> {
    const resources = await this.load(state.entries);
    const resolver = new NaturalKeyResolver(this.catalog, state.workspaceSlug, resources);
    return { ...state, resources, resolver, loaded: new Map(resources.map((r) => [resourceKey(r.kind, r.id), r])) };
  }

  /** Bodies by hash (read-only: they are shared through the cache). */
  bodies(hashes: string[]): Promise<Map<string, JsonObject>> {
    return this.history.bodies(hashes);
  }

  /** Forgets cached states and, unless told otherwise, cached bodies (benchmarks measure cold paths with it). */
  clear(options: { bodies?: boolean } = {}): void {
    this.cache.clear();
    this.cachedEntries = 0;
    if (options.bodies !== false) this.history.blobs.clear();
  }

  private withBody(entry: ResourceEntry, body: JsonObject): Resource {
    const displayName = this.catalog.has(entry.kind) ? this.catalog.get(entry.kind).displayName(body) : entry.naturalKey;
    return {
      kind: entry.kind,
      id: entry.id,
      naturalKey: entry.naturalKey,
      hash: entry.hash,
      version: entry.version,
      observedAt: entry.observedAt,
      body,
      displayName,
    };
  }

  private nearestBelow(workspaceId: string, version: number): WorkspaceStateAt | undefined {
    let best: WorkspaceStateAt | undefined;
    for (const state of this.cache.values()) {
      if (state.workspaceId === workspaceId && state.point.version < version && (!best || state.point.version > best.point.version))
        best = state;
    }
    return best;
  }

  private remember(key: string, state: WorkspaceStateAt): void {
    this.cache.set(key, state);
    this.cachedEntries += state.entries.length;
    for (const [oldest, value] of this.cache) {
      if (this.cachedEntries <= MAX_CACHED_ENTRIES || oldest === key) break;
      this.cache.delete(oldest);
      this.cachedEntries -= value.entries.length;
    }
  }
}
