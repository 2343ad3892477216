import { Expose, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';

import { toBoolean, toNumber } from './transforms';

/** The built-in Segment API simulator (apps/segment-sim). */
export class SimulatorConfig {
  @Expose({ name: 'SIM_PORT' })
  @Transform(toNumber)
  @IsInt({ message: 'SIM_PORT must be a port number' })
  @Min(0)
  @Max(65535)
  port = 4100;

  @Expose({ name: 'SIM_HOST' })
  @IsString()
  host = '127.0.0.1';

  @Expose({ name: 'SIM_SEED' })
  @IsString()
  @MinLength(1)
  seed = 'segment-sim';

  /** Approximate number of resources in each seeded workspace. */
  @Expose({ name: 'SIM_SIZE' })
  @Transform(toNumber)
  @IsInt({ message: 'SIM_SIZE must be a whole number of resources' })
  @Min(0)
  @Max(1_000_000)
  size = 300;

  @Expose({ name: 'SIM_RATE_LIMIT_ENABLED' })
  @Transform(toBoolean)
  @IsBoolean()
  rateLimitEnabled = true;

  /** Default requests per minute per token (Segment publishes none; 600 is a third-party figure). */
  @Expose({ name: 'SIM_RATE_LIMIT' })
  @Transform(toNumber)
  @IsInt({ message: 'SIM_RATE_LIMIT must be a whole number of requests per minute' })
  @Min(1)
  rateLimitPerMinute = 600;

  /** Speeds up the rate-limit clock: 60 makes a minute last a second. */
  @Expose({ name: 'SIM_TIME_SCALE' })
  @Transform(toNumber)
  @IsNumber({}, { message: 'SIM_TIME_SCALE must be a number' })
  @Min(0.001)
  timeScale = 1;

  @Expose({ name: 'SIM_LATENCY_MS' })
  @Transform(toNumber)
  @IsNumber({}, { message: 'SIM_LATENCY_MS must be a number of milliseconds' })
  @Min(0)
  latencyMs = 0;

  @Expose({ name: 'SIM_ERROR_RATE' })
  @Transform(toNumber)
  @IsNumber({}, { message: 'SIM_ERROR_RATE must be a number between 0 and 1' })
  @Min(0)
  @Max(1)
  errorRate = 0;

  /** Fault rules as JSON (see the simulator's README section). */
  @Expose({ name: 'SIM_FAULTS' })
  @IsOptional()
  @IsString()
  faults?: string;

  /** Load state from this file at start and save it there on shutdown. */
  @Expose({ name: 'SIM_STATE_FILE' })
  @IsOptional()
  @IsString()
  stateFile?: string;

  @Expose({ name: 'SIM_LOG' })
  @IsIn(['none', 'info'])
  log: 'none' | 'info' = 'info';
}
