import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { DatabaseConfig } from '@app/config';
import { PrismaClient } from './generated/prisma/client';

export function createPrismaClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
}

/**
 * The Prisma client of a process; queries run through the pg driver adapter (no engine binary).
 * The adapter's pool is also exposed for the few bulk reads (thousands of jsonb bodies) where
 * Prisma's row conversion costs more than the query itself.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  readonly pool: Pool;

  constructor(config: DatabaseConfig) {
    const pool = new Pool({ connectionString: config.url });
    super({ adapter: new PrismaPg(pool) });
    this.pool = pool;
  }

  /** Rows of a read-only query straight from the pg driver. */
  async rows<T>(sql: string, params: unknown[]): Promise<T[]> {
    return (await this.pool.query(sql, params)).rows as T[];
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
    if (!this.pool.ended) await this.pool.end();
  }
}
