import { EnvBoolean, EnvInt, EnvText } from './env';

/** Metrics, health and heartbeats: what operators scrape and probe. */
export class ObservabilityConfig {
  /** The worker's own small HTTP server: `/metrics`, `/health/live`, `/health/ready`. 0 picks a free port. */
  @EnvInt('WORKER_HTTP_PORT', { what: 'a port number', min: 0, max: 65535 })
  workerHttpPort = 9464;

  @EnvText('WORKER_HTTP_HOST', { describe: 'a host name or address to listen on' })
  workerHttpHost = '0.0.0.0';

  @EnvBoolean('WORKER_HTTP_ENABLED')
  workerHttpEnabled = true;

  /** Each worker writes a heartbeat to Redis this often; it counts as alive for three intervals. */
  @EnvInt('WORKER_HEARTBEAT_MS', { what: 'a number of milliseconds', min: 100, max: 3_600_000 })
  heartbeatMs = 10_000;
}
