import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { SnapshotRepository, TokenCipher, WorkspaceRepository } from '../libs/store/src';
import { SegmentHosts } from '../libs/config/src';
import { SEGMENT_CATALOG } from '../libs/catalog/src';
import { SegmentClient, UNLIMITED, WorkspaceReader } from '../libs/segment/src';
import { TakeSnapshotService } from '../apps/worker/src/snapshots/take-snapshot.service';
import { WorkspacesService } from '../apps/api/src/workspaces/workspaces.service';
import { freshDatabase, startSimulator, startWorker, storageBytes } from './bench-env';
import { ms, report, verdict } from './bench-utils';
import { churn } from './churn';
import { minimumRequests } from './minimum-requests';

/**
 * Issue 3's figures on a 10,000-resource simulated workspace (its own process, no injected
 * latency): cold, warm and 1%-churn snapshots — wall time, upstream requests against the minimum,
 * bytes added to Postgres — and 30 nightly snapshots at 1% churn against naive full copies.
 *   npm run bench:snapshot        (SIZE=10000 NIGHTS=30 CHURN=0.01 to change)
 */
const SIZE = Number(process.env.SIZE ?? 10_000);
const NIGHTS = Number(process.env.NIGHTS ?? 30);
const CHURN = Number(process.env.CHURN ?? 0.01);

async function main(): Promise<void> {
  const sim = await startSimulator({ SIM_SIZE: String(SIZE), SIM_SEED: 'bench-snapshot' });
  const db = await freshDatabase('snapshot');
  const prefix = `bench-${randomBytes(3).toString('hex')}`;
  const worker = await startWorker({ DATABASE_URL: db.url, REDIS_PREFIX: prefix, SEGMENT_RATE_LIMIT_PER_MINUTE: '1000000' });
  try {
    const workspace = await new WorkspacesService(
      worker.get(WorkspaceRepository),
      worker.get(SnapshotRepository),
      worker.get(TokenCipher),
      worker.get(SegmentHosts),
    ).create({
      name: 'bench',
      token: 'sim_staging',
      baseUrl: sim.url,
    });
    const snapshots = worker.get(SnapshotRepository);
    const take = async () => {
      const bytesBefore = await storageBytes(db.url);
      const { snapshot } = await snapshots.request({ workspaceId: workspace.id, trigger: 'manual' });
      const start = process.hrtime.bigint();
      const outcome = await worker.get(TakeSnapshotService).run(workspace.id, snapshot.id);
      const wallMs = ms(start);
      const row = (await snapshots.find(snapshot.id))!;
      if (outcome !== 'completed') throw new Error(`snapshot ${outcome}: ${row.error}`);
      return {
        wallMs,
        requests: row.requests,
        bytes: (await storageBytes(db.url)) - bytesBefore,
        changes: row.created + row.updated + row.deleted,
        resources: row.resourceCount,
      };
    };

    // what the minimum is, computed from a separate read of the same workspace
    const read = await new WorkspaceReader(
      new SegmentClient({ baseUrl: sim.url, token: 'sim_staging', limits: { tokenKey: 'x', perMinute: 1 }, rateLimiter: UNLIMITED }),
      SEGMENT_CATALOG,
    ).read();
    const minimum = minimumRequests(SEGMENT_CATALOG, read);
    const naiveCopyBytes = await naiveCopySize(db.url, read);

    const cold = await take();
    const warm = await take();
    const churned = await churn(sim.url, 'sim_staging', CHURN, 0);
    const oneNight = await take();
    const readAfterChurn = await new WorkspaceReader(
      new SegmentClient({ baseUrl: sim.url, token: 'sim_staging', limits: { tokenKey: 'x', perMinute: 1 }, rateLimiter: UNLIMITED }),
      SEGMENT_CATALOG,
    ).read();
    const minimumAfterChurn = minimumRequests(SEGMENT_CATALOG, readAfterChurn);

    let nightsBytes = oneNight.bytes;
    let nightsMs = oneNight.wallMs;
    for (let night = 1; night < NIGHTS; night++) {
      await churn(sim.url, 'sim_staging', CHURN, night);
      const result = await take();
      nightsBytes += result.bytes;
      nightsMs += result.wallMs;
    }
    const naiveNights = naiveCopyBytes * NIGHTS;
    const within = (requests: number, min: number) => ((requests - min) / min) * 100;
    const figures = {
      size: SIZE,
      resources: cold.resources,
      minimumRequests: minimum,
      cold,
      warm,
      churn: { changesMade: churned, ...oneNight, minimumRequests: minimumAfterChurn },
      nights: {
        count: NIGHTS,
        bytes: nightsBytes,
        averageMs: nightsMs / NIGHTS,
        naiveBytes: naiveNights,
        naiveCopyBytes,
        ratio: naiveNights / nightsBytes,
      },
    };
    report('snapshot', figures, [
      `Snapshot benchmark: ${cold.resources} resources, minimum ${minimum} requests (one per 1000-item page and per separately listed parent)`,
      verdict(
        `cold snapshot, ${cold.requests} requests (+${within(cold.requests, minimum).toFixed(1)}% of minimum), ${(cold.bytes / 1e6).toFixed(1)} MB added`,
        cold.wallMs,
        3000,
      ),
      verdict(`warm snapshot (no change), ${warm.requests} requests, ${(warm.bytes / 1e3).toFixed(1)} kB added`, warm.wallMs, 1500),
      `      1% churn (${churned} changes, ${oneNight.changes} recorded): ${oneNight.wallMs.toFixed(0)} ms, ${oneNight.requests} requests (minimum ${minimumAfterChurn}), ${(oneNight.bytes / 1e3).toFixed(1)} kB added`,
      verdict(`requests over the minimum (cold)`, within(cold.requests, minimum), 5, '%'),
      verdict(
        `${NIGHTS} nights at ${CHURN * 100}% churn: ${(nightsBytes / 1e6).toFixed(2)} MB vs naive ${(naiveNights / 1e6).toFixed(1)} MB — share of naive`,
        (nightsBytes / naiveNights) * 100,
        5,
        '%',
      ),
    ]);
  } finally {
    await worker.close();
    sim.process.kill();
    await db.drop();
  }
}

/** Bytes one naive full copy takes: the whole workspace JSON stored as one jsonb value. */
async function naiveCopySize(url: string, read: { items: Map<string, Array<{ raw: unknown }>> }): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE TABLE naive_copy (id serial PRIMARY KEY, taken_at timestamptz DEFAULT now(), body jsonb NOT NULL)');
    const whole = Object.fromEntries([...read.items].map(([kind, items]) => [kind, items.map((i) => i.raw)]));
    await client.query('INSERT INTO naive_copy (body) VALUES ($1::jsonb)', [JSON.stringify(whole)]);
    const bytes = Number((await client.query<{ b: string }>(`SELECT pg_total_relation_size('naive_copy') AS b`)).rows[0]!.b);
    await client.query('DROP TABLE naive_copy');
    return bytes;
  } finally {
    await client.end();
  }
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
