import { Expose, Transform } from 'class-transformer';
import { IsBoolean, IsInt, Min } from 'class-validator';
import { toBoolean, toNumber } from './transforms';

export class WorkerConfig {
  /** Snapshot jobs one worker process runs at once (different workspaces). */
  @Expose({ name: 'WORKER_CONCURRENCY' })
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  concurrency = 4;

  @Expose({ name: 'SCHEDULER_ENABLED' })
  @Transform(toBoolean)
  @IsBoolean()
  schedulerEnabled = true;

  @Expose({ name: 'SCHEDULER_TICK_MS' })
  @Transform(toNumber)
  @IsInt()
  @Min(100)
  schedulerTickMs = 30_000;

  /** A missed schedule (workers down) is still taken if it is at most this old. */
  @Expose({ name: 'SCHEDULER_CATCH_UP_MS' })
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  catchUpMs = 6 * 3600_000;

  /** How long a job's lock lasts without renewal; a dead worker's job is retried after it. */
  @Expose({ name: 'JOB_LOCK_MS' })
  @Transform(toNumber)
  @IsInt()
  @Min(500)
  lockMs = 30_000;

  @Expose({ name: 'JOB_STALLED_INTERVAL_MS' })
  @Transform(toNumber)
  @IsInt()
  @Min(500)
  stalledIntervalMs = 30_000;

  /** Plan jobs (planning and applying, different workspaces) one worker process runs at once. */
  @Expose({ name: 'PLAN_WORKER_CONCURRENCY' })
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  planConcurrency = 2;

  /** Steps of one apply in flight at once (rate limits still pace the requests). */
  @Expose({ name: 'APPLY_CONCURRENCY' })
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  applyConcurrency = 8;
}
