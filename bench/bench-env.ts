import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { migrate } from '../libs/store/src/migrations/migrator';

export const ROOT = join(__dirname, '..', '..');

export { spawnSimulator as startSimulator } from '../apps/segment-sim/src/sim-process';

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
  const app = await NestFactory.createApplicationContext(WorkerModule.register({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', SCHEDULER_ENABLED: 'false', ...env }), {
    logger: process.env.LOG_LEVEL === 'log' ? ['error', 'warn', 'log'] : ['error', 'warn'],
  });
  await app.init();
  return app;
}

/** Bytes Postgres uses for the product's tables (heap, TOAST and indexes). */
export async function storageBytes(url: string, tables = ['event', 'blob', 'resource_head', 'snapshot']): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const rows = await client.query<{ bytes: string }>(`SELECT sum(pg_total_relation_size(t))::bigint AS bytes FROM unnest($1::regclass[]) AS t`, [tables]);
    return Number(rows.rows[0]!.bytes);
  } finally {
    await client.end();
  }
}
