import { randomBytes } from 'node:crypto';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Logger as PinoLogger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { Client } from 'pg';
import { Redis } from 'ioredis';
import request from 'supertest';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { SegmentSimulator, SimOptions } from '../../apps/segment-sim/src/sim-server';
import { SeedWorkspace } from '../../apps/segment-sim/src/generator/seed';
import { createPrismaClient, PrismaClient } from '../../libs/store/src';
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, withDatabase } from './services';

export const ADMIN_KEY = 'sbk_test_admin_key_0123456789abcdefghij';

/**
 * What one test file owns: its own database (cloned from the migrated template), its own Redis
 * key prefix, its own simulator. Nothing is shared with other files, so suites run in parallel.
 */
export class TestContext {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly redisPrefix: string;
  sim!: SegmentSimulator;
  simUrl!: string;
  prisma!: PrismaClient;
  redis!: Redis;
  private readonly apps: Array<INestApplication | INestApplicationContext> = [];

  private constructor(readonly name: string) {
    const base = process.env.TEST_DATABASE_URL ?? DEFAULT_DATABASE_URL;
    const suffix = randomBytes(4).toString('hex');
    this.databaseUrl = withDatabase(
      base,
      `t_${name
        .replace(/[^a-z0-9]+/gi, '_')
        .toLowerCase()
        .slice(0, 40)}_${suffix}`,
    );
    this.redisUrl = process.env.TEST_REDIS_URL ?? DEFAULT_REDIS_URL;
    this.redisPrefix = `t-${name
      .replace(/[^a-z0-9]+/gi, '-')
      .toLowerCase()
      .slice(0, 30)}-${suffix}`;
  }

  static async create(name: string, sim: Partial<SimOptions> & { workspaces?: SeedWorkspace[] } = {}): Promise<TestContext> {
    const ctx = new TestContext(name);
    const admin = new Client({ connectionString: withDatabase(ctx.databaseUrl, 'postgres') });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${new URL(ctx.databaseUrl).pathname.slice(1)}" TEMPLATE "${process.env.TEST_DATABASE_TEMPLATE}"`);
    } finally {
      await admin.end();
    }
    ctx.prisma = createPrismaClient(ctx.databaseUrl);
    ctx.redis = new Redis(ctx.redisUrl, { maxRetriesPerRequest: null });
    ctx.sim = new SegmentSimulator({
      seed: `test-${name}`,
      workspaces: [{ slug: 'staging', token: 'sim_staging', size: 150, env: 'staging' }],
      rateLimit: { enabled: false, perMinute: 600, timeScale: 1 },
      faults: [],
      ...sim,
    });
    ({ url: ctx.simUrl } = await ctx.sim.listen(0));
    return ctx;
  }

  /** Environment for the apps under test: fast retries, short locks, no schedule unless asked. */
  env(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      NODE_ENV: 'test',
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: this.redisUrl,
      REDIS_PREFIX: this.redisPrefix,
      ADMIN_API_KEY: ADMIN_KEY,
      REGISTER_SIMULATOR_WORKSPACES: 'false',
      SIMULATOR_URL: this.simUrl,
      SCHEDULER_ENABLED: 'false',
      SEGMENT_RETRY_BASE_MS: '20',
      SEGMENT_RETRY_MAX_MS: '200',
      SEGMENT_REQUEST_TIMEOUT_MS: '3000',
      SEGMENT_RATE_LIMIT_PER_MINUTE: '100000',
      JOB_LOCK_MS: '2000',
      JOB_STALLED_INTERVAL_MS: '1000',
      LOG_LEVEL: 'warn',
      WORKER_HTTP_PORT: '0',
      WORKER_HTTP_HOST: '127.0.0.1',
      ...overrides,
    };
  }

  /** `logTo`: the structured log (as production writes it) goes there instead of Nest's console logger. */
  async startApi(overrides: Record<string, string> = {}, logTo?: DestinationStream): Promise<INestApplication> {
    const moduleRef = await Test.createTestingModule({ imports: [ApiModule.register(this.env(overrides), logTo)] }).compile();
    const app = configureApp(moduleRef.createNestApplication(logTo ? { bufferLogs: true } : { logger: ['error', 'warn'] }));
    if (logTo) app.useLogger(app.get(PinoLogger));
    await app.init();
    this.apps.push(app);
    return app;
  }

  async startWorker(overrides: Record<string, string> = {}, logTo?: DestinationStream): Promise<INestApplicationContext> {
    const app = await NestFactory.createApplicationContext(
      WorkerModule.register(this.env(overrides), logTo),
      logTo ? { bufferLogs: true } : { logger: ['error', 'warn'] },
    );
    if (logTo) app.useLogger(app.get(PinoLogger));
    await app.init();
    this.apps.push(app);
    return app;
  }

  async stopApp(app: INestApplication | INestApplicationContext): Promise<void> {
    const index = this.apps.indexOf(app);
    if (index >= 0) this.apps.splice(index, 1);
    await app.close();
  }

  /** An HTTP client for the API, authenticated with the admin key unless told otherwise. */
  http(app: INestApplication, key: string | null = ADMIN_KEY) {
    const agent = request(app.getHttpServer());
    const auth = <T extends request.Test>(test: T) => (key ? test.set('Authorization', `Bearer ${key}`) : test);
    return {
      get: (path: string) => auth(agent.get(path)),
      post: (path: string) => auth(agent.post(path)),
      patch: (path: string) => auth(agent.patch(path)),
      delete: (path: string) => auth(agent.delete(path)),
    };
  }

  async close(): Promise<void> {
    for (const app of this.apps.reverse()) await app.close().catch(() => undefined);
    await this.sim?.close();
    await this.prisma?.$disconnect();
    await this.clearRedis();
    this.redis?.disconnect();
    const admin = new Client({ connectionString: withDatabase(this.databaseUrl, 'postgres') });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${new URL(this.databaseUrl).pathname.slice(1)}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }

  private async clearRedis(): Promise<void> {
    if (!this.redis) return;
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.redisPrefix}*`, 'COUNT', 1000);
      if (keys.length) await this.redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns a value (not undefined/false) or the time runs out. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}
