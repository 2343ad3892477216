import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import { requestId as idOf } from '@app/observability';
import { AuditLogRepository, AuditOutcome, NewAuditRecord } from '@app/store';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { AuditContext } from './audit-context';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const outcomeOf = (status: number, finished: boolean): AuditOutcome =>
  !finished ? 'failed' : status === 401 || status === 403 ? 'refused' : status < 400 ? 'ok' : 'failed';

/** The entry of one request: who, what, which workspace, how it ended. Never a body, a query or a header. */
function entryOf(request: AuthenticatedRequest, response: Response, audit: AuditContext): NewAuditRecord {
  const principal = request.principal;
  const target = (request.originalUrl ?? request.url).split('?')[0]!.slice(0, 500);
  return {
    actorKeyId: principal && !principal.bootstrap ? principal.keyId : null,
    actorName: principal?.name ?? 'anonymous',
    action: audit.action ?? 'unknown-route',
    method: request.method,
    target,
    workspaceId: audit.workspace?.id ?? null,
    workspaceName: audit.workspace?.name ?? null,
    status: response.statusCode,
    outcome: outcomeOf(response.statusCode, response.writableFinished),
    requestId: audit.requestId,
  };
}

/**
 * Gives every request an id (X-Request-Id: the client's when it is a plain token, else a new
 * one) and appends one audit entry for every mutating request when its answer is sent —
 * refused and failed ones included (the guard and the controllers fill in the action and the
 * workspace).
 */
@Injectable()
export class AuditMiddleware implements NestMiddleware {
  private readonly logger = new Logger('AuditLog');

  constructor(private readonly log: AuditLogRepository) {}

  use(request: AuthenticatedRequest, response: Response, next: NextFunction): void {
    const requestId = idOf(request, response);
    if (SAFE_METHODS.has(request.method)) return next();
    const audit: AuditContext = { requestId };
    request.audit = audit;
    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      this.log.append(entryOf(request, response, audit)).catch((error: unknown) => {
        this.logger.error(
          `Could not write the audit entry of request ${requestId}: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
    };
    response.once('finish', write);
    response.once('close', write);
    next();
  }
}
