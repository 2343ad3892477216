/**
 * Domain errors carry a stable code; the API maps codes to HTTP statuses and the worker maps
 * them to retry (transient) or give up (permanent). Nothing here knows about HTTP.
 */
export type DomainErrorCode =
  | 'NOT_FOUND'
  | 'VALIDATION'
  | 'CONFLICT'
  | 'CONCURRENCY'
  | 'ILLEGAL_STATE'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'UPSTREAM'
  | 'UPSTREAM_UNAVAILABLE';

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
  /** Worth retrying later (network, rate limits, upstream 5xx). */
  readonly transient: boolean = false;

  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;
}

/** Bad input; `field` names what was wrong, as the API reports it. */
export class ValidationError extends DomainError {
  readonly code = 'VALIDATION' as const;
  constructor(
    readonly field: string,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(message, { field, ...details });
  }
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT' as const;
}

/** An append that stated a stream version other than the current one. */
export class ConcurrencyError extends DomainError {
  readonly code = 'CONCURRENCY' as const;
  constructor(
    readonly stream: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`Stream ${stream} is at version ${actualVersion}, not the expected ${expectedVersion}`, {
      stream,
      expectedVersion,
      actualVersion,
    });
  }
}

export class IllegalStateError extends DomainError {
  readonly code = 'ILLEGAL_STATE' as const;
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN' as const;
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED' as const;
}
