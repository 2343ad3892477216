import { createHash, timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ApiConfig } from '@app/config';
import { ForbiddenError, UnauthenticatedError } from '@app/core';
import { ApiKeyRecord, ApiKeyRepository, ApiRole, hashApiKey } from '@app/store';
import { AuditContext } from '../audit/audit-context';
import { IS_PUBLIC, REQUIRED_ROLE } from './auth.decorators';
import { FILTERED_BY_SCOPE, WORKSPACE_REFS, WorkspaceRef, WorkspaceRefReader, WorkspaceRefResolver } from './workspace-scope';

const RANK: Record<ApiRole, number> = { viewer: 1, operator: 2, admin: 3 };
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The audit log's name for ADMIN_API_KEY, which is always valid (DESIGN: bootstrap key). */
export const BOOTSTRAP_ADMIN = 'bootstrap-admin';

export interface Principal {
  keyId: string;
  name: string;
  role: ApiRole;
  /** The workspaces (ids) a scoped key may touch; absent for a key that may touch all. */
  workspaces?: ReadonlySet<string>;
  /** The key is ADMIN_API_KEY. */
  bootstrap?: boolean;
}

export type AuthenticatedRequest = Request & { principal?: Principal; audit?: AuditContext };

/** `WorkspacesController.remove` → `workspaces.remove`: the use case as the audit log names it. */
const actionOf = (context: ExecutionContext): string => {
  const controller = context.getClass().name.replace(/Controller$/, '');
  return `${controller.charAt(0).toLowerCase()}${controller.slice(1)}.${context.getHandler().name}`;
};

const sameKey = (a: string, b: string): boolean =>
  timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

/**
 * Every route but the public ones needs `Authorization: Bearer <api key>` (401 without a valid
 * one) and a role at least as high as the route asks (403 otherwise). Keys are looked up by hash;
 * ADMIN_API_KEY is always an admin key. A key scoped to workspaces reaches only routes that say
 * which workspaces they touch (ScopedBy), and only those workspaces (403 naming the workspace).
 * For the audit log it also records the action and the workspace a mutating request touches.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly lastTouched = new Map<string, number>();

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyRepository,
    private readonly refs: WorkspaceRefResolver,
    private readonly config: ApiConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (request.audit) request.audit.action = actionOf(context);
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const header = request.headers.authorization;
    const key = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!key) throw new UnauthenticatedError('Authorization: Bearer <api key> is required');
    const principal = await this.authenticate(key);
    if (!principal) throw new UnauthenticatedError('The API key is not valid (unknown or revoked)');
    // known before any refusal, so that the audit log says who was refused and where
    request.principal = principal;
    const source = this.reflector.getAllAndOverride<unknown>(WORKSPACE_REFS, targets);
    const refs =
      (request.audit || principal.workspaces) && typeof source === 'function'
        ? await (source as WorkspaceRefReader)(request, this.refs)
        : [];
    if (request.audit) request.audit.workspace = refs.find((ref: WorkspaceRef) => ref.workspace)?.workspace;
    const required =
      this.reflector.getAllAndOverride<ApiRole>(REQUIRED_ROLE, targets) ?? (SAFE_METHODS.has(request.method) ? 'viewer' : 'operator');
    if ((RANK[principal.role] ?? 0) < RANK[required]) {
      throw new ForbiddenError(`This action needs the '${required}' role; the key '${principal.name}' has '${principal.role}'`);
    }
    if (principal.workspaces) checkScope(principal, principal.workspaces, source, refs);
    return true;
  }

  private async authenticate(key: string): Promise<Principal | undefined> {
    const bootstrap = this.config.adminApiKey !== undefined && sameKey(key, this.config.adminApiKey);
    const record = (await this.keys.findActive(key)) ?? (bootstrap ? await this.keys.findByHash(hashApiKey(key)) : null);
    if (bootstrap) return { keyId: record?.id ?? BOOTSTRAP_ADMIN, name: BOOTSTRAP_ADMIN, role: 'admin', bootstrap: true };
    if (!record) return undefined;
    this.touch(record);
    return {
      keyId: record.id,
      name: record.name,
      role: record.role,
      ...(record.workspaces ? { workspaces: new Set(record.workspaces) } : {}),
    };
  }

  /** Records use at most once a minute per key, off the request path. */
  private touch(record: ApiKeyRecord): void {
    const now = Date.now();
    if (now - (this.lastTouched.get(record.id) ?? 0) < 60_000) return;
    this.lastTouched.set(record.id, now);
    void this.keys.touch(record.id).catch(() => undefined);
  }
}

/** A scoped key: the route must name its workspaces (or filter its list), and each must be in scope. */
function checkScope(principal: Principal, scope: ReadonlySet<string>, source: unknown, refs: WorkspaceRef[]): void {
  if (source === FILTERED_BY_SCOPE) return;
  if (typeof source !== 'function') {
    throw new ForbiddenError(`The key '${principal.name}' is limited to some workspaces; this route concerns all of them`);
  }
  for (const ref of refs) {
    if (!ref.workspace || !scope.has(ref.workspace.id)) {
      throw new ForbiddenError(`The key '${principal.name}' may not touch workspace '${ref.ref}'`, { workspace: ref.ref });
    }
  }
}
