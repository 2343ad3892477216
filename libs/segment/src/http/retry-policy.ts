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
