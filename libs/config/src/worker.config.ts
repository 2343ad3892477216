import { EnvBoolean, EnvInt } from './env';

export class WorkerConfig {
  /** Snapshot jobs one worker process runs at once (different workspaces). */
  @EnvInt('WORKER_CONCURRENCY', { min: 1 })
  concurrency = 4;

  @EnvBoolean('SCHEDULER_ENABLED')
  schedulerEnabled = true;

  @EnvInt('SCHEDULER_TICK_MS', { what: 'a number of milliseconds', min: 100 })
  schedulerTickMs = 30_000;

  /** A missed schedule (workers down) is still taken if it is at most this old. */
  @EnvInt('SCHEDULER_CATCH_UP_MS', { what: 'a number of milliseconds', min: 0 })
  catchUpMs = 6 * 3600_000;

  /** How long a job's lock lasts without renewal; a dead worker's job is retried after it. */
  @EnvInt('JOB_LOCK_MS', { what: 'a number of milliseconds', min: 500 })
  lockMs = 30_000;

  @EnvInt('JOB_STALLED_INTERVAL_MS', { what: 'a number of milliseconds', min: 500 })
  stalledIntervalMs = 30_000;

  /** Plan jobs (planning and applying, different workspaces) one worker process runs at once. */
  @EnvInt('PLAN_WORKER_CONCURRENCY', { min: 1 })
  planConcurrency = 2;

  /** Steps of one apply in flight at once (rate limits still pace the requests). */
  @EnvInt('APPLY_CONCURRENCY', { min: 1 })
  applyConcurrency = 8;

  /**
   * How often one worker (a Redis lock elects it) looks for snapshots and plans whose job Redis
   * lost, or whose job ended without settling them, and re-queues or fails them. Rows younger
   * than twice this are left alone: their job may be on its way.
   */
  @EnvInt('RECONCILE_INTERVAL_MS', { what: 'a number of milliseconds', min: 100 })
  reconcileIntervalMs = 60_000;

  /**
   * How often one worker (a Redis lock elects it) checks every scheduled workspace for a backup
   * that did not happen (snapshot.missed).
   */
  @EnvInt('MISSED_CHECK_INTERVAL_MS', { what: 'a number of milliseconds', min: 100 })
  missedCheckIntervalMs = 60_000;

  /** A scheduled window with no snapshot completed this many minutes after it is a missed backup. */
  @EnvInt('SNAPSHOT_MISSED_GRACE_MINUTES', { what: 'a number of minutes', min: 1, max: 10_080 })
  missedGraceMinutes = 60;
}
