import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { Dispatcher, request } from 'undici';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { ApiModule } from '../apps/api/src/api.module';
import { configureApp } from '../apps/api/src/configure-app';
import { migrate } from '../libs/store/src/migrations/migrator';
import { SimulatorProcess, spawnSimulator } from '../apps/segment-sim/src/sim-process';

export const ROOT = join(__dirname, '..', '..');

/** The simulators this run started: workspaces may point at them (SEGMENT_BASE_URL_ALLOWLIST). */
const simulatorUrls: string[] = [];

/** A simulator process on a free port; its origin is allowed as a workspace base URL from now on. */
export async function startSimulator(env: Record<string, string> = {}): Promise<SimulatorProcess> {
  const sim = await spawnSimulator(env);
  simulatorUrls.push(sim.url);
  return sim;
}

const allowSimulators = () => ({ SEGMENT_BASE_URL_ALLOWLIST: simulatorUrls.join(',') });

/** A fresh, migrated database for one benchmark run. */
export async function freshDatabase(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const db = `bench_${name}_${randomBytes(3).toString('hex')}`;
  const url = new URL(base);
  url.pathname = `/${db}`;
  await migrate(url.toString(), join(ROOT, 'prisma', 'migrations'));
  return {
    url: url.toString(),
    drop: async () => {
      const admin = new URL(base);
      admin.pathname = '/postgres';
      const client = new Client({ connectionString: admin.toString() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function startWorker(env: Record<string, string>): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(
    WorkerModule.register({
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      SCHEDULER_ENABLED: 'false',
      ...allowSimulators(),
      ...env,
    }),
    {
      logger: process.env.LOG_LEVEL === 'log' ? ['error', 'warn', 'log'] : ['error', 'warn'],
    },
  );
  await app.init();
  return app;
}

/** Bytes Postgres uses for the product's tables (heap, TOAST and indexes). */
export async function storageBytes(url: string, tables = ['event', 'blob', 'resource_head', 'snapshot']): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const rows = await client.query<{ bytes: string }>(
      `SELECT sum(pg_total_relation_size(t))::bigint AS bytes FROM unnest($1::regclass[]) AS t`,
      [tables],
    );
    return Number(rows.rows[0]!.bytes);
  } finally {
    await client.end();
  }
}

export const BENCH_ADMIN_KEY = 'sbk_bench_admin_key_0123456789abcdefghij';

/** A JSON call to the API under test; anything but 2xx throws with the answer. */
export type Http = (method: string, path: string, body?: unknown) => Promise<any>;

/** The HTTP API on a free port, with the bench's admin key. */
export async function startApi(env: Record<string, string>): Promise<{ app: INestApplication; url: string; http: Http }> {
  const app = configureApp(
    await NestFactory.create(
      ApiModule.register({
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        ADMIN_API_KEY: BENCH_ADMIN_KEY,
        ...allowSimulators(),
        ...env,
      }),
      { logger: ['error', 'warn'] },
    ),
  );
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  // One connection per call (`reset`): benchmarks block this process's event loop for seconds
  // (the planner runs here too), and a kept-alive connection the server closed meanwhile would be
  // reused and reset.
  const http: Http = async (method, path, body) => {
    const response = await request(`${url}${path}`, {
      method: method as Dispatcher.HttpMethod,
      reset: true,
      headers: { Authorization: `Bearer ${BENCH_ADMIN_KEY}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.body.json()) as unknown;
    if (response.statusCode >= 300) throw new Error(`${method} ${path} → ${response.statusCode} ${JSON.stringify(json)}`);
    return json;
  };
  return { app, url, http };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks the API for a snapshot and waits for its version. */
export async function snapshotThroughApi(http: Http, workspaceId: string): Promise<number> {
  const { snapshotId } = await http('POST', `/workspaces/${workspaceId}/snapshots`);
  for (;;) {
    const row = await http('GET', `/workspaces/${workspaceId}/snapshots/${snapshotId}`);
    if (row.status === 'completed') return row.version as number;
    if (row.status === 'failed') throw new Error(`snapshot failed: ${row.error}`);
    await pause(50);
  }
}

/** Waits until a plan has one of the statuses. */
export async function planIn(http: Http, planId: string, statuses: string[], timeoutMs = 300_000): Promise<any> {
  const started = Date.now();
  for (;;) {
    const plan = await http('GET', `/plans/${planId}?limit=1`);
    if (statuses.includes(plan.status)) return plan;
    if (Date.now() - started > timeoutMs) throw new Error(`plan ${planId} is still ${plan.status}`);
    await pause(50);
  }
}
