import { DelegateBackoff, handleWhen, retry, RetryPolicy } from 'cockatiel';
import { SegmentApiError, SegmentTransportError } from './segment-api-error';

export interface RetryOptions {
  /** Attempts in all for errors (5xx, timeouts, resets), the first included. */
  maxAttempts: number;
  /**
   * Answers of 429 are not failures but "wait": they have their own, larger budget, so that a
   * rate-limit storm delays a snapshot instead of failing it.
   */
  maxRateLimited?: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 6, maxRateLimited: 30, baseDelayMs: 250, maxDelayMs: 20_000 };

/**
 * Exponential backoff with full jitter (AWS architecture blog), except when Segment says how long
 * to wait: `errors[0].data.msBeforeNext`, `Retry-After` or `X-RateLimit-Reset` on a 429 are
 * honoured as given (plus a little jitter so that workers do not stampede).
 */
export function retryDelayMs(attempt: number, error: unknown, options: RetryOptions, random: () => number = Math.random): number {
  if (error instanceof SegmentApiError && error.retryAfterMs !== undefined) {
    return error.retryAfterMs + Math.floor(random() * Math.min(250, options.baseDelayMs));
  }
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Whether to try again. Reads are always safe to repeat; a write is repeated only when it surely
 * did not happen: a 429 (refused before any effect) or a connection that never opened.
 */
export function shouldRetry(error: unknown, idempotent: boolean): boolean {
  if (error instanceof SegmentApiError) return error.status === 429 || (idempotent && error.status >= 500);
  if (error instanceof SegmentTransportError) return idempotent || !error.sent;
  return false;
}

/** A write that failed in a way that may have applied it: sent, then no answer or a 5xx. */
export function mayHaveApplied(error: unknown): error is SegmentApiError | SegmentTransportError {
  if (error instanceof SegmentTransportError) return error.sent;
  return error instanceof SegmentApiError && error.status >= 500;
}

const isRateLimited = (error: unknown): boolean => error instanceof SegmentApiError && error.status === 429;

/**
 * The retries of one call, as a cockatiel policy: `shouldRetry` says what may be repeated,
 * `retryDelayMs` how long to wait. Errors and 429s spend separate budgets, which cockatiel's one
 * attempt count cannot express, so each call gets its own policy whose error filter keeps both
 * counts and stops when the matching budget is spent (the policy's own count is unbounded).
 */
export function retryPolicy(options: RetryOptions, idempotent: boolean, random: () => number = Math.random): RetryPolicy {
  const maxRateLimited = options.maxRateLimited ?? DEFAULT_RETRY.maxRateLimited!;
  let failures = 0;
  let rateLimited = 0;
  const worthRetrying = (error: Error): boolean => {
    const limited = isRateLimited(error);
    if (limited) rateLimited++;
    else failures++;
    const budgetLeft = limited ? rateLimited < maxRateLimited : failures < options.maxAttempts;
    return budgetLeft && shouldRetry(error, idempotent);
  };
  return retry(handleWhen(worthRetrying), {
    maxAttempts: Number.POSITIVE_INFINITY,
    backoff: new DelegateBackoff(({ result }) => {
      const error = 'error' in result ? result.error : undefined;
      // the nth retry of its kind: a 429 after three errors waits as a first 429 does
      return retryDelayMs(isRateLimited(error) ? rateLimited : failures, error, options, random);
    }),
  });
}

/** When the server will accept requests again, from the headers and body of an answer. */
export function serverWaitMs(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  body: unknown,
  now = Date.now(),
): number | undefined {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const candidates: number[] = [];
  const msBeforeNext = (body as { errors?: Array<{ data?: { msBeforeNext?: unknown } }> } | undefined)?.errors?.[0]?.data?.msBeforeNext;
  if (typeof msBeforeNext === 'number' && msBeforeNext >= 0) candidates.push(msBeforeNext);
  const retryAfter = header('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) candidates.push(seconds * 1000);
    else if (!Number.isNaN(Date.parse(retryAfter))) candidates.push(Date.parse(retryAfter) - now);
  }
  const reset = header('x-ratelimit-reset');
  const remaining = header('x-ratelimit-remaining');
  if (reset && (status === 429 || remaining === '0')) {
    const at = Date.parse(reset);
    if (!Number.isNaN(at)) candidates.push(at - now);
  }
  const valid = candidates.filter((ms) => ms >= 0);
  return valid.length ? Math.max(...valid) : undefined;
}
