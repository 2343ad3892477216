import { DEFAULT_RETRY, mayHaveApplied, RetryOptions, retryDelayMs, retryPolicy, serverWaitMs, shouldRetry } from './retry-policy';
import { AmbiguousWriteError, SegmentApiError, SegmentTransportError } from './segment-api-error';

const options: RetryOptions = { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1000 };
const apiError = (status: number, retryAfterMs?: number) =>
  new SegmentApiError(status, 'GET', '/sources', { type: 'x', message: 'm' }, retryAfterMs);
const ALMOST_ONE = 0.999999;

describe('retryDelayMs', () => {
  it('uses full jitter: between 0 and base * 2^(attempt-1)', () => {
    const error = apiError(503);
    expect(retryDelayMs(1, error, options, () => 0)).toBe(0);
    expect(retryDelayMs(1, error, options, () => ALMOST_ONE)).toBe(99);
    expect(retryDelayMs(2, error, options, () => ALMOST_ONE)).toBe(199);
    expect(retryDelayMs(3, error, options, () => 0.5)).toBe(200);
    expect(retryDelayMs(4, error, options, () => ALMOST_ONE)).toBe(799);
  });

  it('never exceeds the maximum delay', () => {
    expect(retryDelayMs(5, new Error('x'), options, () => ALMOST_ONE)).toBe(999);
    expect(retryDelayMs(30, new Error('x'), options, () => ALMOST_ONE)).toBe(999);
  });

  it('stays within bounds with the real random source', () => {
    for (let attempt = 1; attempt <= 8; attempt++) {
      for (let i = 0; i < 50; i++) {
        const delay = retryDelayMs(attempt, apiError(500), DEFAULT_RETRY);
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(Math.min(DEFAULT_RETRY.maxDelayMs, DEFAULT_RETRY.baseDelayMs * 2 ** (attempt - 1)));
      }
    }
  });

  it("honours the server's wait, adding a little jitter capped at min(250, base)", () => {
    expect(retryDelayMs(1, apiError(429, 3000), options, () => 0)).toBe(3000);
    expect(retryDelayMs(1, apiError(429, 3000), options, () => 0.5)).toBe(3050);
    expect(retryDelayMs(1, apiError(429, 3000), { ...options, baseDelayMs: 5000 }, () => ALMOST_ONE)).toBe(3249);
    // The server's wait is not capped by maxDelayMs, whatever the attempt.
    expect(retryDelayMs(6, apiError(429, 60_000), options, () => 0)).toBe(60_000);
    expect(retryDelayMs(1, apiError(429, 0), options, () => 0)).toBe(0);
  });

  it('ignores waits on anything but a SegmentApiError carrying one', () => {
    const transport = new SegmentTransportError('GET', '/x', 'reset', true);
    expect(retryDelayMs(1, transport, options, () => ALMOST_ONE)).toBe(99);
  });
});

describe('shouldRetry', () => {
  it('reads are retried on 429 and 5xx, not on other 4xx', () => {
    expect(shouldRetry(apiError(429), true)).toBe(true);
    expect(shouldRetry(apiError(500), true)).toBe(true);
    expect(shouldRetry(apiError(502), true)).toBe(true);
    expect(shouldRetry(apiError(503), true)).toBe(true);
    for (const status of [400, 401, 403, 404, 409, 413, 422]) expect(shouldRetry(apiError(status), true)).toBe(false);
  });

  it('writes are retried on 429 only, never on 5xx (the write may have happened)', () => {
    expect(shouldRetry(apiError(429), false)).toBe(true);
    expect(shouldRetry(apiError(500), false)).toBe(false);
    expect(shouldRetry(apiError(503), false)).toBe(false);
    expect(shouldRetry(apiError(422), false)).toBe(false);
  });

  it('transport errors: reads always, writes only when the request never left', () => {
    const sent = new SegmentTransportError('POST', '/sources', 'ECONNRESET', true);
    const notSent = new SegmentTransportError('POST', '/sources', 'ECONNREFUSED', false);
    expect(shouldRetry(sent, true)).toBe(true);
    expect(shouldRetry(notSent, true)).toBe(true);
    expect(shouldRetry(sent, false)).toBe(false);
    expect(shouldRetry(notSent, false)).toBe(true);
  });

  it('anything else is not retried', () => {
    expect(shouldRetry(new Error('bug'), true)).toBe(false);
    expect(shouldRetry(new AmbiguousWriteError('POST', '/x', new Error('x')), true)).toBe(false);
    expect(shouldRetry(undefined, true)).toBe(false);
  });
});

describe('serverWaitMs', () => {
  const now = Date.parse('2024-05-01T12:00:00.000Z');
  const inSeconds = (s: number) => new Date(now + s * 1000).toUTCString();
  const rateLimited = (msBeforeNext: unknown) => ({
    errors: [{ type: 'rate-limit', message: 'slow down', data: { msBeforeNext, remainingPoints: 0 } }],
  });

  it('nothing to go on: undefined', () => {
    expect(serverWaitMs(200, {}, { data: {} }, now)).toBeUndefined();
    expect(serverWaitMs(429, {}, undefined, now)).toBeUndefined();
    expect(serverWaitMs(429, {}, 'text', now)).toBeUndefined();
  });

  it('reads msBeforeNext from the first error of the body', () => {
    expect(serverWaitMs(429, {}, rateLimited(1500), now)).toBe(1500);
    expect(serverWaitMs(429, {}, rateLimited(0), now)).toBe(0);
    expect(serverWaitMs(429, {}, rateLimited(-5), now)).toBeUndefined();
    expect(serverWaitMs(429, {}, rateLimited('1500'), now)).toBeUndefined();
  });

  it('reads Retry-After in seconds and as an HTTP date', () => {
    expect(serverWaitMs(429, { 'retry-after': '3' }, undefined, now)).toBe(3000);
    expect(serverWaitMs(503, { 'retry-after': '0' }, undefined, now)).toBe(0);
    expect(serverWaitMs(429, { 'retry-after': inSeconds(5) }, undefined, now)).toBe(5000);
    expect(serverWaitMs(429, { 'retry-after': inSeconds(-5) }, undefined, now)).toBeUndefined();
    expect(serverWaitMs(429, { 'retry-after': 'soon' }, undefined, now)).toBeUndefined();
    expect(serverWaitMs(429, { 'retry-after': ['2', '9'] }, undefined, now)).toBe(2000);
  });

  it('reads X-RateLimit-Reset only on a 429 or when nothing remains', () => {
    const reset = { 'x-ratelimit-reset': inSeconds(4) };
    expect(serverWaitMs(429, reset, undefined, now)).toBe(4000);
    expect(serverWaitMs(200, { ...reset, 'x-ratelimit-remaining': '0' }, undefined, now)).toBe(4000);
    expect(serverWaitMs(200, { ...reset, 'x-ratelimit-remaining': '12' }, undefined, now)).toBeUndefined();
    expect(serverWaitMs(200, reset, undefined, now)).toBeUndefined();
    expect(serverWaitMs(429, { 'x-ratelimit-reset': 'garbage' }, undefined, now)).toBeUndefined();
    expect(serverWaitMs(429, { 'x-ratelimit-reset': inSeconds(-1) }, undefined, now)).toBeUndefined();
  });

  it('takes the longest of the waits given', () => {
    const headers = { 'retry-after': '2', 'x-ratelimit-reset': inSeconds(7), 'x-ratelimit-remaining': '0' };
    expect(serverWaitMs(429, headers, rateLimited(1500), now)).toBe(7000);
    expect(serverWaitMs(429, { 'retry-after': '9' }, rateLimited(1500), now)).toBe(9000);
    expect(serverWaitMs(429, { 'retry-after': '1' }, rateLimited(1500), now)).toBe(1500);
    // A past date does not hide a valid wait.
    expect(serverWaitMs(429, { 'retry-after': inSeconds(-30) }, rateLimited(800), now)).toBe(800);
  });
});

describe('mayHaveApplied', () => {
  it('a 5xx or a request that was sent and got no answer: the write may have happened', () => {
    expect(mayHaveApplied(apiError(500))).toBe(true);
    expect(mayHaveApplied(apiError(503))).toBe(true);
    expect(mayHaveApplied(new SegmentTransportError('POST', '/x', 'ECONNRESET', true))).toBe(true);
  });

  it('refused before any effect (a 4xx, a 429, a connection never opened), or not a Segment error: it did not', () => {
    expect(mayHaveApplied(apiError(429))).toBe(false);
    expect(mayHaveApplied(apiError(422))).toBe(false);
    expect(mayHaveApplied(new SegmentTransportError('POST', '/x', 'ECONNREFUSED', false))).toBe(false);
    expect(mayHaveApplied(new Error('bug'))).toBe(false);
  });
});

describe('retryPolicy', () => {
  const quick: RetryOptions = { maxAttempts: 3, maxRateLimited: 4, baseDelayMs: 4, maxDelayMs: 100 };

  /** A call that throws the given errors in turn, then answers 'ok'; counts its calls. */
  function flaky(errors: Error[]) {
    const call = { count: 0, run: async () => (call.count++ < errors.length ? Promise.reject(errors[call.count - 1]!) : 'ok') };
    return call;
  }

  it('errors and 429s spend separate budgets', async () => {
    // two errors and three 429s: each under its own budget (3 and 4 attempts), together more than either
    const call = flaky([apiError(429, 0), apiError(503), apiError(429, 0), apiError(503), apiError(429, 0)]);
    await expect(retryPolicy(quick, true, () => 0).execute(call.run)).resolves.toBe('ok');
    expect(call.count).toBe(6);
  });

  it('gives up with the last error once the error budget is spent (the first attempt counts)', async () => {
    const call = flaky([apiError(500), apiError(502), apiError(503), apiError(504)]);
    await expect(retryPolicy(quick, true, () => 0).execute(call.run)).rejects.toMatchObject({ status: 503 });
    expect(call.count).toBe(3);
  });

  it('gives up once the 429 budget is spent', async () => {
    const call = flaky(Array.from({ length: 10 }, () => apiError(429, 0)));
    await expect(retryPolicy(quick, true, () => 0).execute(call.run)).rejects.toMatchObject({ status: 429 });
    expect(call.count).toBe(4);
  });

  it('does not repeat what shouldRetry refuses: a 5xx on a write, a 4xx, a bug', async () => {
    for (const [error, idempotent] of [
      [apiError(500), false],
      [apiError(422), true],
      [new Error('bug'), true],
    ] as const) {
      const call = flaky([error]);
      await expect(retryPolicy(quick, idempotent, () => 0).execute(call.run)).rejects.toBe(error);
      expect(call.count).toBe(1);
    }
  });

  it('waits as retryDelayMs says, counting attempts per budget', async () => {
    const delays: number[] = [];
    const policy = retryPolicy(quick, true, () => 0.5);
    policy.onRetry(({ delay }) => delays.push(delay));
    const call = flaky([apiError(503), apiError(503), apiError(429, 7), apiError(429, 3)]);
    await expect(policy.execute(call.run)).resolves.toBe('ok');
    // errors: half of 4, then half of 8; 429s: the server's wait plus half of min(250, base)
    expect(delays).toEqual([2, 4, 9, 5]);
  });
});
