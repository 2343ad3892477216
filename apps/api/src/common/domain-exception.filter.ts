import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, DomainErrorCode } from '@app/core';
import { errorBody } from './error-body';

const STATUS: Record<DomainErrorCode, number> = {
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  CONCURRENCY: 409,
  ILLEGAL_STATE: 409,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  UPSTREAM: 502,
  UPSTREAM_UNAVAILABLE: 503,
};

/** The one place where errors become HTTP: domain codes map to statuses, the body has one shape. */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof DomainError) {
      const status = STATUS[exception.code];
      response.status(status).json(errorBody(status, exception.message, exception.details));
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse() as string | { message?: string | string[]; details?: Record<string, unknown> };
      const message =
        typeof payload === 'string'
          ? payload
          : Array.isArray(payload.message)
            ? payload.message.join('; ')
            : (payload.message ?? exception.message);
      response.status(status).json(errorBody(status, message, typeof payload === 'object' ? payload.details : undefined));
      return;
    }
    const error = exception as { type?: string; status?: number; message?: string };
    // body-parser errors (malformed JSON, too large) arrive as plain errors with a status
    if (typeof error?.status === 'number' && error.status >= 400 && error.status < 500) {
      const message = error.type === 'entity.parse.failed' ? 'The request body is not valid JSON' : (error.message ?? 'Bad request');
      response.status(error.status).json(errorBody(error.status, message));
      return;
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    response.status(500).json(errorBody(500, 'Internal server error'));
  }
}
