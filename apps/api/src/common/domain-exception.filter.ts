import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, DomainErrorCode } from '@app/core';
import { errorBody } from './error-body';
import { MAX_BODY_BYTES } from './request-limits';

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

interface BodyParserError {
  status: number;
  type: string;
  message: string;
  details?: Record<string, unknown>;
}

const BODY_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'body must be valid JSON',
  'entity.too.large': `body must be at most ${MAX_BODY_BYTES} bytes`,
};

/**
 * body-parser's 4xx errors (malformed JSON, too large, refused by verifyBody): Nest hands them
 * over wrapped in an HttpException (the error is its cause), older versions as they are.
 */
function bodyParserError(exception: unknown): BodyParserError | undefined {
  const candidate = (exception instanceof HttpException ? exception.cause : exception) as Partial<BodyParserError> | undefined;
  if (typeof candidate?.status !== 'number' || candidate.status < 400 || candidate.status >= 500 || typeof candidate.type !== 'string')
    return undefined;
  return candidate as BodyParserError;
}

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
    const parser = bodyParserError(exception);
    if (parser) {
      response
        .status(parser.status)
        .json(errorBody(parser.status, BODY_MESSAGES[parser.type] ?? parser.message, parser.details ?? { field: 'body' }));
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
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    response.status(500).json(errorBody(500, 'Internal server error'));
  }
}
