import { join } from 'node:path';
import { DatabaseConfig, loadConfig } from '@app/config';
import { migrate } from '@app/store';

/** `npm run db:migrate`: creates the database if needed and applies prisma/migrations. */
async function main(): Promise<void> {
  const { url } = loadConfig(DatabaseConfig);
  const result = await migrate(url, join(process.cwd(), 'prisma', 'migrations'));
  const where = new URL(url);
  console.log(
    `Database ${where.pathname.slice(1)} on ${where.host}: applied ${result.applied.length} migration(s)${result.applied.length ? ` (${result.applied.join(', ')})` : ''}, ${result.alreadyApplied.length} already applied.`,
  );
}

main().catch((error: unknown) => {
  console.error(`Migration failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
