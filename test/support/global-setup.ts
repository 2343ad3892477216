import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrate } from '../../libs/store/src/migrations/migrator';
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, postgresAnswers, redisAnswers, withDatabase } from './services';

const MIGRATIONS = join(__dirname, '..', '..', 'prisma', 'migrations');

/** A template database per migrations content: test files clone it (CREATE DATABASE … TEMPLATE). */
function templateName(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(MIGRATIONS).sort()) {
    if (name.endsWith('.toml')) continue;
    hash.update(name).update(readFileSync(join(MIGRATIONS, name, 'migration.sql')));
  }
  return `sbk_test_template_${hash.digest('hex').slice(0, 12)}`;
}

/**
 * Uses the Postgres and Redis named by DATABASE_URL / REDIS_URL (default: the local ones). Only
 * when those do not answer and a Docker engine does, Testcontainers starts them.
 */
export default async function globalSetup(): Promise<void> {
  let databaseUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  let redisUrl = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
  if (!(await postgresAnswers(withDatabase(databaseUrl, 'postgres'))) || !(await redisAnswers(redisUrl))) {
    ({ databaseUrl, redisUrl } = await startContainers(databaseUrl, redisUrl));
  }
  const template = templateName();
  const admin = new Client({ connectionString: withDatabase(databaseUrl, 'postgres') });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (!exists.rowCount) {
      const building = `${template}_building_${process.pid}`;
      await admin.query(`DROP DATABASE IF EXISTS "${building}"`);
      await migrate(withDatabase(databaseUrl, building), MIGRATIONS);
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`).catch(async (error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // another run built it meanwhile
        await admin.query(`DROP DATABASE IF EXISTS "${building}"`);
      });
    }
  } finally {
    await admin.end();
  }
  // one folder per run for the connector's contract check (both projects' setups share it)
  process.env.CONTRACT_REPORT_DIR ??= mkdtempSync(join(tmpdir(), 'sbk-contract-'));
  process.env.TEST_DATABASE_URL = databaseUrl;
  process.env.TEST_REDIS_URL = redisUrl;
  process.env.TEST_DATABASE_TEMPLATE = template;
}

async function startContainers(databaseUrl: string, redisUrl: string): Promise<{ databaseUrl: string; redisUrl: string }> {
  let testcontainers: typeof import('testcontainers');
  try {
    testcontainers = await import('testcontainers');
    await testcontainers.getContainerRuntimeClient();
  } catch {
    throw new Error(
      `Postgres (${databaseUrl}) or Redis (${redisUrl}) does not answer, and no Docker engine is available for Testcontainers. ` +
        'Start them (see README) or set DATABASE_URL / REDIS_URL.',
    );
  }
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const { RedisContainer } = await import('@testcontainers/redis');
  const postgres = await new PostgreSqlContainer('postgres:15').withUsername('postgres').withPassword('postgres').start();
  const redis = await new RedisContainer('redis:7').start();
  (globalThis as { __containers?: unknown[] }).__containers = [postgres, redis];
  return { databaseUrl: postgres.getConnectionUri(), redisUrl: redis.getConnectionUrl() };
}
