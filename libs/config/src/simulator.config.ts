import { EnvBoolean, EnvChoice, EnvInt, EnvNumber, EnvText } from './env';

/** The built-in Segment API simulator (apps/segment-sim). */
export class SimulatorConfig {
  @EnvInt('SIM_PORT', { what: 'a port number', min: 0, max: 65535 })
  port = 4100;

  @EnvText('SIM_HOST', { describe: 'a host name or address to listen on' })
  host = '127.0.0.1';

  @EnvText('SIM_SEED')
  seed = 'segment-sim';

  /** Approximate number of resources in each seeded workspace. */
  @EnvInt('SIM_SIZE', { what: 'a whole number of resources', min: 0, max: 1_000_000 })
  size = 300;

  @EnvBoolean('SIM_RATE_LIMIT_ENABLED')
  rateLimitEnabled = true;

  /** Default requests per minute per token (Segment publishes none; 600 is a third-party figure). */
  @EnvInt('SIM_RATE_LIMIT', { what: 'a whole number of requests per minute', min: 1 })
  rateLimitPerMinute = 600;

  /** Speeds up the rate-limit clock: 60 makes a minute last a second. */
  @EnvNumber('SIM_TIME_SCALE', { min: 0.001 })
  timeScale = 1;

  @EnvNumber('SIM_LATENCY_MS', { what: 'a number of milliseconds', min: 0 })
  latencyMs = 0;

  @EnvNumber('SIM_ERROR_RATE', { min: 0, max: 1 })
  errorRate = 0;

  /** Fault rules as JSON (see the simulator's README section). */
  @EnvText('SIM_FAULTS', { optional: true })
  faults?: string;

  /** Load state from this file at start and save it there on shutdown. */
  @EnvText('SIM_STATE_FILE', { optional: true })
  stateFile?: string;

  @EnvChoice('SIM_LOG', ['none', 'info'])
  log: 'none' | 'info' = 'info';
}
