import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Reports what the connector's contract check validated, then stops the containers Testcontainers started (when it had to). */
export default async function globalTeardown(): Promise<void> {
  reportContractCheck();
  const containers = (globalThis as { __containers?: Array<{ stop(): Promise<unknown> }> }).__containers ?? [];
  await Promise.all(containers.map((c) => c.stop()));
}

function reportContractCheck(): void {
  const dir = process.env.CONTRACT_REPORT_DIR;
  if (!dir || !existsSync(dir)) return;
  const reports = readdirSync(dir).map(
    (name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as { requests: number; operations: string[]; refused: number },
  );
  rmSync(dir, { recursive: true, force: true });
  if (!reports.length) return;
  const requests = reports.reduce((n, r) => n + r.requests, 0);
  const operations = new Set(reports.flatMap((r) => r.operations));
  const refused = reports.reduce((n, r) => n + r.refused, 0);
  console.log(
    `\nConnector contract check: ${requests} requests the product sent (${operations.size} operations, ${reports.length} test files) validated against Segment's contract; ${refused} refused.`,
  );
}
