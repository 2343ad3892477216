import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { RedisConfig } from '@app/config';
import { REDIS } from '@app/jobs';
import { aliveWorkers, Probe, probe } from '@app/observability';
import { DatabaseHealth } from '@app/store';

export type { Probe };

export interface Health {
  status: 'ok' | 'degraded';
  postgres: Probe;
  redis: Probe;
}

/** Postgres and Redis each get two seconds to answer; workers are counted by their heartbeats. */
@Injectable()
export class HealthService {
  constructor(
    private readonly database: DatabaseHealth,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly redisConfig: RedisConfig,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(): Promise<Health> {
    const [postgres, redis] = await Promise.all([probe(() => this.database.ping()), probe(() => this.redis.ping())]);
    return { status: postgres.status === 'up' && redis.status === 'up' ? 'ok' : 'degraded', postgres, redis };
  }

  /** Readiness indicators for terminus: a dependency that does not answer makes the API not ready. */
  async dependencies(): Promise<HealthIndicatorResult[]> {
    const { postgres, redis } = await this.check();
    return [this.indicate('postgres', postgres), this.indicate('redis', redis)];
  }

  /**
   * How many workers are alive. The API serves reads without them, so none alive does not make
   * it unready: it is `degraded` (200), which an operator's alert can watch.
   */
  async workers(): Promise<HealthIndicatorResult> {
    const session = this.indicators.check('workers');
    try {
      const alive = await aliveWorkers(this.redis, this.redisConfig.prefix);
      const ids = alive.map((beat) => `${beat.host}:${beat.pid}`);
      return alive.length > 0
        ? session.up({ alive: alive.length, workers: ids })
        : session.degraded({ alive: 0, message: 'no worker heartbeat' });
    } catch (error) {
      return session.down({ alive: 0, message: (error as Error).message });
    }
  }

  private indicate(key: string, result: Probe): HealthIndicatorResult {
    const session = this.indicators.check(key);
    return result.status === 'up' ? session.up({ latencyMs: result.latencyMs }) : session.down({ message: result.error });
  }
}
