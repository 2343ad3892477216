/** What the audit log learns about a mutating request while it runs (set by the middleware, the guard, a controller). */
export interface AuditContext {
  requestId: string;
  /** The use case: `<controller>.<handler>` (the guard), or a finer name a controller sets (`workspaces.purge`). */
  action?: string;
  workspace?: { id: string; name: string };
}

/** Names the action more precisely than its route does (a purge is not an archive). */
export function auditAction(request: { audit?: AuditContext }, action: string): void {
  if (request.audit) request.audit.action = action;
}
