import { Expose, Transform } from 'class-transformer';
import { IsInt, IsNumber, Max, Min } from 'class-validator';
import { toNumber } from './transforms';

/** How the workers talk to Segment. */
export class SegmentConfig {
  /** Requests per minute per token when a workspace sets none (Segment publishes no figure). */
  @Expose({ name: 'SEGMENT_RATE_LIMIT_PER_MINUTE' })
  @Transform(toNumber)
  @IsInt({ message: 'SEGMENT_RATE_LIMIT_PER_MINUTE must be a whole number' })
  @Min(1)
  ratePerMinute = 500;

  @Expose({ name: 'SEGMENT_REQUEST_TIMEOUT_MS' })
  @Transform(toNumber)
  @IsInt()
  @Min(100)
  timeoutMs = 30_000;

  @Expose({ name: 'SEGMENT_MAX_ATTEMPTS' })
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(20)
  maxAttempts = 6;

  /** 429 answers mean "wait", not "fail": they have their own budget of retries. */
  @Expose({ name: 'SEGMENT_MAX_RATE_LIMITED' })
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  maxRateLimited = 30;

  @Expose({ name: 'SEGMENT_RETRY_BASE_MS' })
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  retryBaseMs = 250;

  @Expose({ name: 'SEGMENT_RETRY_MAX_MS' })
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  retryMaxMs = 20_000;

  @Expose({ name: 'SEGMENT_CONCURRENCY' })
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(64)
  concurrency = 16;

  @Expose({ name: 'SEGMENT_PAGE_SIZE' })
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(1000)
  pageSize = 1000;

  /** Only for tests against a simulator whose rate-limit clock runs faster. */
  @Expose({ name: 'SEGMENT_TIME_SCALE' })
  @Transform(toNumber)
  @IsNumber()
  @Min(0.001)
  timeScale = 1;
}
