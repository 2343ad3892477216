import { Injectable, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import { isUuid } from '@app/core';
import { PlanRepository, WorkspaceRepository } from '@app/store';

export const WORKSPACE_REFS = 'auth:workspace-refs';

/** A workspace a request names, and the workspace it is (undefined when it names none that exists). */
export interface WorkspaceRef {
  ref: string;
  workspace?: { id: string; name: string };
}

/** Finds the workspaces behind references: ids, names, plan ids. Never throws: unknown is undefined. */
@Injectable()
export class WorkspaceRefResolver {
  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly plans: PlanRepository,
  ) {}

  async byId(id: string): Promise<WorkspaceRef> {
    const found = isUuid(id) ? await this.workspaces.find(id).catch(() => null) : null;
    return { ref: id, workspace: found ? { id: found.id, name: found.name } : undefined };
  }

  async byIdOrName(ref: string): Promise<WorkspaceRef> {
    if (isUuid(ref)) return this.byId(ref);
    const found = await this.workspaces.byIdOrName(ref, 'workspace').catch(() => null);
    return { ref, workspace: found ? { id: found.id, name: found.name } : undefined };
  }

  /** A plan's target first, then its source (the same workspace for a restore). */
  async plan(pid: string): Promise<WorkspaceRef[]> {
    const plan = isUuid(pid) ? await this.plans.find(pid).catch(() => null) : null;
    if (!plan) return [{ ref: pid }];
    const ids = [...new Set([plan.targetWorkspaceId, plan.sourceWorkspaceId])];
    return Promise.all(ids.map((id) => this.byId(id)));
  }
}

/** Reads the workspaces a request touches, from its route parameters, query or body. */
export type WorkspaceRefReader = (request: Request, resolve: WorkspaceRefResolver) => Promise<WorkspaceRef[]>;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const at = (value: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);
const present = (values: Array<string | undefined>): string[] => values.filter((value): value is string => value !== undefined);

/** Where a route's workspaces are: each controller says it once; a route that says nothing is global. */
export const WorkspaceRefs = {
  /** A workspace id in a route parameter. */
  param:
    (name = 'id'): WorkspaceRefReader =>
    async (request, resolve) =>
      Promise.all(present([text(request.params[name])]).map((id) => resolve.byId(id))),
  /** A plan id in a route parameter: the plan's target and source. */
  planParam:
    (name = 'pid'): WorkspaceRefReader =>
    async (request, resolve) => {
      const pid = text(request.params[name]);
      return pid ? resolve.plan(pid) : [];
    },
  /** `<workspace id or name>[@<at>]` in query parameters (a diff between two workspaces). */
  querySides:
    (...names: string[]): WorkspaceRefReader =>
    async (request, resolve) => {
      const specs = present(names.map((name) => text(request.query[name])));
      return Promise.all(specs.map((spec) => resolve.byIdOrName(spec.includes('@') ? spec.slice(0, spec.lastIndexOf('@')) : spec)));
    },
  /** Workspace ids or names at paths of the body (`from.workspace`, `to`). */
  body:
    (...paths: string[]): WorkspaceRefReader =>
    async (request, resolve) =>
      Promise.all(present(paths.map((path) => text(at(request.body, path)))).map((ref) => resolve.byIdOrName(ref))),
};

/** The route lists workspaces: it shows a scoped key only its own (the handler filters). */
export const FILTERED_BY_SCOPE = 'filtered';

/** The route touches no workspace, or all of them: a key scoped to workspaces may not use it. */
export const GLOBAL_ROUTE = 'global';

/** Declares where a route's (or a controller's) workspaces are; the guard checks scoped keys against them. */
export const ScopedBy = (source: WorkspaceRefReader | typeof FILTERED_BY_SCOPE | typeof GLOBAL_ROUTE) =>
  SetMetadata(WORKSPACE_REFS, source);
