import { join } from 'node:path';
import { Client } from 'pg';
import { listMigrations, migrate } from '../../libs/store/src/migrations/migrator';
import { TestContext } from '../support/test-context';
import { withDatabase } from '../support/services';

const MIGRATIONS = join(__dirname, '..', '..', 'prisma', 'migrations');

/** The hand-written SQL migrations and schema.prisma must describe the same database. */
describe('migrations', () => {
  let ctx: TestContext;
  let url: string;

  beforeAll(async () => {
    ctx = await TestContext.create('migrations');
    url = withDatabase(ctx.databaseUrl, `${new URL(ctx.databaseUrl).pathname.slice(1)}_fresh`);
  });
  afterAll(async () => {
    const admin = new Client({ connectionString: withDatabase(url, 'postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
    await ctx.close();
  });

  it('creates the database, applies every migration once, and is idempotent', async () => {
    const first = await migrate(url, MIGRATIONS);
    expect(first.applied).toEqual(listMigrations(MIGRATIONS));
    const second = await migrate(url, MIGRATIONS);
    expect(second).toEqual({ applied: [], alreadyApplied: listMigrations(MIGRATIONS) });
    const client = new Client({ connectionString: url });
    await client.connect();
    const rows = await client.query('SELECT migration_name, finished_at, checksum FROM "_prisma_migrations"');
    await client.end();
    expect(rows.rows.map((r) => r.migration_name)).toEqual(listMigrations(MIGRATIONS));
    expect(rows.rows.every((r) => r.finished_at && /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
  });

  it('runs safely when two processes migrate at once', async () => {
    const results = await Promise.all([migrate(url, MIGRATIONS), migrate(url, MIGRATIONS)]);
    expect(results.flatMap((r) => r.applied)).toEqual([]);
  });

  it('matches schema.prisma: every model field has its column, with a compatible type', async () => {
    const models = await loadDataModel();
    const client = new Client({ connectionString: ctx.databaseUrl });
    await client.connect();
    const columns = await client.query<{ table_name: string; column_name: string; data_type: string; udt_name: string }>(
      `SELECT table_name, column_name, data_type, udt_name FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    await client.end();
    const actual = new Map(columns.rows.map((c) => [`${c.table_name}.${c.column_name}`, c.udt_name]));
    const expectedType: Record<string, string[]> = {
      String: ['text', 'uuid'],
      Int: ['int4'],
      BigInt: ['int8'],
      Boolean: ['bool'],
      DateTime: ['timestamptz'],
      Json: ['jsonb'],
      Bytes: ['bytea'],
    };
    const problems: string[] = [];
    const modelTables = new Set<string>();
    for (const [name, model] of Object.entries(models)) {
      const table = model.dbName ?? name;
      modelTables.add(table);
      for (const field of model.fields.filter((f) => f.kind === 'scalar')) {
        const column = `${table}.${field.dbName ?? field.name}`;
        const udt = actual.get(column);
        if (!udt) problems.push(`missing column ${column}`);
        else if (!expectedType[field.type]?.some((t) => udt === t || udt === `_${t}`))
          problems.push(`${column} is ${udt}, schema says ${field.type}`);
      }
    }
    const tables = new Set(columns.rows.map((c) => c.table_name).filter((t) => t !== '_prisma_migrations'));
    for (const table of tables) if (!modelTables.has(table)) problems.push(`table ${table} is not in schema.prisma`);
    expect(problems).toEqual([]);
  });
});

type DataModel = Record<string, { dbName: string | null; fields: Array<{ name: string; kind: string; type: string; dbName?: string }> }>;

/** Prisma's runtime data model, as generated from schema.prisma. */
async function loadDataModel(): Promise<DataModel> {
  const { readFileSync } = await import('node:fs');
  const source = readFileSync(join(__dirname, '..', '..', 'libs', 'store', 'src', 'generated', 'prisma', 'internal', 'class.ts'), 'utf8');
  const match = /config\.runtimeDataModel = JSON\.parse\("(.*)"\)/.exec(source);
  if (!match) throw new Error('could not find the runtime data model in the generated client');
  return (JSON.parse(JSON.parse(`"${match[1]}"`)) as { models: DataModel }).models;
}
