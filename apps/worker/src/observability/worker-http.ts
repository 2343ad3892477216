import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { ObservabilityConfig, RedisConfig } from '@app/config';
import { REDIS } from '@app/jobs';
import { probe, ProcessMetrics, WorkerHeartbeat } from '@app/observability';
import { DatabaseHealth } from '@app/store';

/**
 * The worker has no API: this small server answers Prometheus (`/metrics`) and the orchestrator
 * (`/health/live`, `/health/ready`), and the heartbeat tells the API this worker is alive. Only
 * GET, only these three paths; nothing here reads a request body.
 */
@Injectable()
export class WorkerHttp implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHttp.name);
  private server?: Server;
  private readonly heartbeat: WorkerHeartbeat;

  constructor(
    private readonly config: ObservabilityConfig,
    private readonly metrics: ProcessMetrics,
    private readonly database: DatabaseHealth,
    @Inject(REDIS) private readonly redis: Redis,
    redisConfig: RedisConfig,
  ) {
    this.heartbeat = new WorkerHeartbeat(redis, redisConfig.prefix, config.heartbeatMs);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.heartbeat.start();
    if (!this.config.workerHttpEnabled) return;
    this.server = createServer((request, response) => void this.answer(request, response));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.config.workerHttpPort, this.config.workerHttpHost, () => resolve());
    });
    this.logger.log(`Worker metrics and health on port ${this.port()}`);
  }

  /** The port listened on (0 asks the system for a free one). */
  port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.heartbeat.stop();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const path = (request.url ?? '/').split('?')[0];
      if (request.method !== 'GET') return send(response, 405, 'application/json', { message: 'Only GET is served here' });
      if (path === '/metrics') return send(response, 200, this.metrics.contentType, await this.metrics.text());
      if (path === '/health/live') return send(response, 200, 'application/json', { status: 'ok', worker: this.heartbeat.id });
      if (path === '/health/ready') {
        const [postgres, redis] = await Promise.all([probe(() => this.database.ping()), probe(() => this.redis.ping())]);
        const ok = postgres.status === 'up' && redis.status === 'up';
        return send(response, ok ? 200 : 503, 'application/json', { status: ok ? 'ok' : 'error', postgres, redis });
      }
      send(response, 404, 'application/json', { message: 'Not found: /metrics, /health/live and /health/ready are served' });
    } catch (error) {
      send(response, 500, 'application/json', { message: (error as Error).message });
    }
  }
}

function send(response: ServerResponse, status: number, type: string, body: string | object): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
}
