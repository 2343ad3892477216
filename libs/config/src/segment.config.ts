import { EnvInt, EnvNumber, EnvText } from './env';

/** How the workers talk to Segment. */
export class SegmentConfig {
  /** Requests per minute per token when a workspace sets none (Segment publishes no figure). */
  @EnvInt('SEGMENT_RATE_LIMIT_PER_MINUTE', { min: 1 })
  ratePerMinute = 500;

  @EnvInt('SEGMENT_REQUEST_TIMEOUT_MS', { what: 'a number of milliseconds', min: 100 })
  timeoutMs = 30_000;

  @EnvInt('SEGMENT_MAX_ATTEMPTS', { min: 1, max: 20 })
  maxAttempts = 6;

  /** 429 answers mean "wait", not "fail": they have their own budget of retries. */
  @EnvInt('SEGMENT_MAX_RATE_LIMITED', { min: 1 })
  maxRateLimited = 30;

  @EnvInt('SEGMENT_RETRY_BASE_MS', { what: 'a number of milliseconds', min: 1 })
  retryBaseMs = 250;

  @EnvInt('SEGMENT_RETRY_MAX_MS', { what: 'a number of milliseconds', min: 1 })
  retryMaxMs = 20_000;

  @EnvInt('SEGMENT_CONCURRENCY', { min: 1, max: 64 })
  concurrency = 16;

  @EnvInt('SEGMENT_PAGE_SIZE', { min: 1, max: 1000 })
  pageSize = 1000;

  /**
   * Origins (comma-separated) a workspace's baseUrl may point at besides Segment's API hosts, e.g.
   * a proxy. The built-in simulator's origin is added outside production (see SegmentHosts).
   */
  @EnvText('SEGMENT_BASE_URL_ALLOWLIST', { describe: 'comma-separated http(s) origins', optional: true })
  baseUrlAllowlist?: string;

  /** Only for tests against a simulator whose rate-limit clock runs faster. */
  @EnvNumber('SEGMENT_TIME_SCALE', { min: 0.001 })
  timeScale = 1;
}
