import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '@app/jobs';
import { DatabaseHealth } from '@app/store';

export type Probe = { status: 'up'; latencyMs: number } | { status: 'down'; error: string };

export interface Health {
  status: 'ok' | 'degraded';
  postgres: Probe;
  redis: Probe;
}

const PROBE_TIMEOUT_MS = 2000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function probe(check: () => Promise<unknown>): Promise<Probe> {
  const started = Date.now();
  try {
    await within(check(), PROBE_TIMEOUT_MS);
    return { status: 'up', latencyMs: Date.now() - started };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  }
}

/** Liveness and readiness: Postgres and Redis each get two seconds to answer. */
@Injectable()
export class HealthService {
  constructor(
    private readonly database: DatabaseHealth,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async check(): Promise<Health> {
    const [postgres, redis] = await Promise.all([probe(() => this.database.ping()), probe(() => this.redis.ping())]);
    return { status: postgres.status === 'up' && redis.status === 'up' ? 'ok' : 'degraded', postgres, redis };
  }
}
