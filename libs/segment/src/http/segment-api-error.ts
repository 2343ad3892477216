import { DomainError, DomainErrorCode } from '@app/core';

export interface SegmentErrorBody {
  type?: string;
  message?: string;
  field?: string;
  data?: { msBeforeNext?: number; remainingPoints?: number; consumedPoints?: number } & Record<string, unknown>;
}

/** Segment answered with an error status; `retryable` says whether trying again can help. */
export class SegmentApiError extends DomainError {
  readonly code: DomainErrorCode;
  override readonly transient: boolean;

  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly error: SegmentErrorBody,
    readonly retryAfterMs?: number,
  ) {
    super(`Segment answered ${status} to ${method} ${path}: ${error.type ?? 'Error'}: ${error.message ?? 'no message'}`, {
      status,
      type: error.type,
      field: error.field,
    });
    this.transient = status === 429 || status >= 500;
    this.code = status >= 500 || status === 429 ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM';
  }

  get retryable(): boolean {
    return this.transient;
  }
}

/** No answer: timeout, reset, refused. `sent` is false when the request surely never left. */
export class SegmentTransportError extends DomainError {
  readonly code = 'UPSTREAM_UNAVAILABLE' as const;
  override readonly transient = true;

  constructor(
    readonly method: string,
    readonly path: string,
    readonly reason: string,
    readonly sent: boolean,
  ) {
    super(`No answer from Segment to ${method} ${path}: ${reason}`, { reason });
  }
}

/**
 * A write whose outcome is unknown (it may have been applied before the connection failed). The
 * caller must look before writing again (restore looks the resource up by natural key).
 */
export class AmbiguousWriteError extends DomainError {
  readonly code = 'UPSTREAM_UNAVAILABLE' as const;
  override readonly transient = true;

  constructor(
    readonly method: string,
    readonly path: string,
    override readonly cause: Error,
  ) {
    super(`The outcome of ${method} ${path} is unknown: ${cause.message}`);
  }
}

/** A list kept returning a cursor it had already returned: following it would loop forever. */
export class PaginationLoopError extends DomainError {
  readonly code = 'UPSTREAM' as const;
  constructor(
    readonly path: string,
    readonly cursor: string,
    readonly pages: number,
  ) {
    super(`Pagination of ${path} repeated cursor '${cursor}' after ${pages} page(s)`);
  }
}
