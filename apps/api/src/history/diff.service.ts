import { Inject, Injectable } from '@nestjs/common';
import {
  CrossDiffEntry,
  CrossDiffTotals,
  crossWorkspaceDiff,
  DiffEntry,
  DiffTotals,
  diffStates,
  hashesToCompare,
  KIND_CATALOG,
  KindCatalog,
  parseAt,
  resourceKey,
  ValidationError,
} from '@app/core';
import { LoadedStateAt, ResolvedVersion, StateReader, WorkspaceRecord, WorkspaceRepository } from '@app/store';
import { checkKind } from './state-filters';

export interface WorkspaceDiffRequest {
  /** A version, an ISO-8601 instant or `latest`. */
  from: string;
  /** Like `from`; latest when absent. */
  to?: string;
  kind?: string;
  status?: string;
}

export interface WorkspaceDiff {
  from: ResolvedVersion;
  to: ResolvedVersion;
  totals: Record<string, DiffTotals>;
  /** The totals of every kind added up. */
  total: Record<string, number>;
  entries: DiffEntry[];
}

export interface CrossDiffRequest {
  /** `<workspace id or name>[@<version|instant|latest>]`. */
  left: string;
  right: string;
  kind?: string;
  status?: string;
}

export interface DiffSide {
  workspace: WorkspaceRecord;
  point: ResolvedVersion;
}

export interface CrossDiff {
  left: DiffSide;
  right: DiffSide;
  totals: Record<string, CrossDiffTotals>;
  total: Record<string, number>;
  entries: CrossDiffEntry[];
}

function sumTotals(totals: Record<string, object>): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const counts of Object.values(totals))
    for (const [status, count] of Object.entries(counts)) sum[status] = (sum[status] ?? 0) + Number(count);
  return sum;
}

/** What changed in a workspace between two points of its history, and how two workspaces differ. */
@Injectable()
export class DiffService {
  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly states: StateReader,
    @Inject(KIND_CATALOG) private readonly catalog: KindCatalog,
  ) {}

  async workspaceDiff(workspaceId: string, request: WorkspaceDiffRequest): Promise<WorkspaceDiff> {
    checkKind(this.catalog, request.kind);
    const workspace = await this.workspaces.get(workspaceId, { allowArchived: true });
    const [from, to] = await Promise.all([
      this.states.resolve(workspace, parseAt(request.from, 'from')),
      this.states.resolve(workspace, parseAt(request.to, 'to')),
    ]);
    // one after the other: the later state is read as the earlier one plus the events between
    const [first, second] = from.version <= to.version ? [from, to] : [to, from];
    const earlier = await this.states.stateAt(workspace, first);
    const later = await this.states.stateAt(workspace, second);
    const [before, after] = from.version <= to.version ? [earlier, later] : [later, earlier];
    const keep = (r: { kind: string }) => !request.kind || r.kind === request.kind;
    const [a, b] = [before.entries.filter(keep), after.entries.filter(keep)];
    const bodies = await this.states.bodies(hashesToCompare(a, b));
    const diff = diffStates(this.catalog, a, b, (hash) => bodies.get(hash)!);
    // a deleted resource keeps the key it had; everything else is named as it is now
    const entries = diff.entries
      .filter((e) => !request.status || e.status === request.status)
      .map((e) => ({
        ...e,
        naturalKey: (after.byKey.get(resourceKey(e.kind, e.id)) ?? before.byKey.get(resourceKey(e.kind, e.id)))?.naturalKey ?? e.naturalKey,
      }));
    return { from, to, totals: diff.totals, total: sumTotals(diff.totals), entries };
  }

  /**
   * Two workspaces compared by natural key (ids never count as differences): references are
   * compared by what they point to, masked secrets are reported as not comparable.
   */
  async crossDiff(request: CrossDiffRequest): Promise<CrossDiff> {
    checkKind(this.catalog, request.kind);
    const [left, right] = await Promise.all([this.side(request.left, 'left'), this.side(request.right, 'right')]);
    const diff = crossWorkspaceDiff(this.catalog, left.state, right.state, { kinds: request.kind ? new Set([request.kind]) : undefined });
    return {
      left: { workspace: left.workspace, point: left.state.point },
      right: { workspace: right.workspace, point: right.state.point },
      totals: diff.totals,
      total: sumTotals(diff.totals),
      entries: diff.entries.filter((e) => !request.status || e.status === request.status),
    };
  }

  /** `<workspace id or name>[@<at>]`, loaded whole. */
  private async side(spec: string, field: 'left' | 'right'): Promise<{ workspace: WorkspaceRecord; state: LoadedStateAt }> {
    const split = spec.lastIndexOf('@');
    const ref = split >= 0 ? spec.slice(0, split) : spec;
    const at = parseAt(split >= 0 ? spec.slice(split + 1) : undefined, field);
    if (!ref) throw new ValidationError(field, `${field} must be <workspace id or name>[@<version|instant|latest>]`);
    const workspace = await this.workspaces.byIdOrName(ref, field);
    const point = await this.states.resolve(workspace, at);
    return { workspace, state: await this.states.loadAll(await this.states.stateAt(workspace, point)) };
  }
}
