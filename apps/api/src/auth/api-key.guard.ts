import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ForbiddenError, UnauthenticatedError } from '@app/core';
import { ApiKeyRecord, ApiKeyRepository, ApiRole } from '@app/store';
import { AuditContext } from '../audit/audit-context';
import { IS_PUBLIC, REQUIRED_ROLE } from './auth.decorators';
import { WORKSPACE_REFS, WorkspaceRef, WorkspaceRefReader, WorkspaceRefResolver } from './workspace-scope';

const RANK: Record<ApiRole, number> = { viewer: 1, operator: 2, admin: 3 };
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface Principal {
  keyId: string;
  name: string;
  role: ApiRole;
}

export type AuthenticatedRequest = Request & { principal?: Principal; audit?: AuditContext };

/** `WorkspacesController.remove` → `workspaces.remove`: the use case as the audit log names it. */
const actionOf = (context: ExecutionContext): string => {
  const controller = context.getClass().name.replace(/Controller$/, '');
  return `${controller.charAt(0).toLowerCase()}${controller.slice(1)}.${context.getHandler().name}`;
};

/**
 * Every route but the public ones needs `Authorization: Bearer <api key>` (401 without a valid
 * one) and a role at least as high as the route asks (403 otherwise). Keys are looked up by hash.
 * For the audit log it also records the action and the workspace a mutating request touches.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly lastTouched = new Map<string, number>();

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyRepository,
    private readonly refs: WorkspaceRefResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (request.audit) request.audit.action = actionOf(context);
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const header = request.headers.authorization;
    const key = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!key) throw new UnauthenticatedError('Authorization: Bearer <api key> is required');
    const record = await this.keys.findActive(key);
    if (!record) throw new UnauthenticatedError('The API key is not valid (unknown or revoked)');
    // known before any refusal, so that the audit log says who was refused and where
    request.principal = { keyId: record.id, name: record.name, role: record.role };
    const source = this.reflector.getAllAndOverride<unknown>(WORKSPACE_REFS, targets);
    const refs = request.audit && typeof source === 'function' ? await (source as WorkspaceRefReader)(request, this.refs) : [];
    if (request.audit) request.audit.workspace = refs.find((ref: WorkspaceRef) => ref.workspace)?.workspace;
    const required =
      this.reflector.getAllAndOverride<ApiRole>(REQUIRED_ROLE, targets) ?? (SAFE_METHODS.has(request.method) ? 'viewer' : 'operator');
    if ((RANK[record.role] ?? 0) < RANK[required]) {
      throw new ForbiddenError(`This action needs the '${required}' role; the key '${record.name}' has '${record.role}'`);
    }
    this.touch(record);
    return true;
  }

  /** Records use at most once a minute per key, off the request path. */
  private touch(record: ApiKeyRecord): void {
    const now = Date.now();
    if (now - (this.lastTouched.get(record.id) ?? 0) < 60_000) return;
    this.lastTouched.set(record.id, now);
    void this.keys.touch(record.id).catch(() => undefined);
  }
}
