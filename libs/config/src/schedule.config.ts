import { EnvInt } from './env';

/** Rules every workspace's snapshot schedule follows: the API refuses others, the worker skips them. */
export class ScheduleConfig {
  /**
   * The shortest time allowed between two runs of a schedule, clock changes included: every
   * snapshot reads the whole workspace and spends the token's rate limit.
   */
  @EnvInt('SCHEDULE_MIN_INTERVAL_MINUTES', { what: 'a number of minutes', min: 1, max: 1440 })
  minIntervalMinutes = 15;
}
