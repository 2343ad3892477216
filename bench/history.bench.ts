import { randomBytes } from 'node:crypto';
import { TakeSnapshotService } from '../apps/worker/src/snapshots/take-snapshot.service';
import { WorkspacesService } from '../apps/api/src/workspaces/workspaces.service';
import { SnapshotRepository, StateReader, TokenCipher, WorkspaceRepository } from '../libs/store/src';
import { SegmentHosts } from '../libs/config/src';
import { BENCH_ADMIN_KEY, freshDatabase, startApi, startSimulator, startWorker } from './bench-env';
import { median, ms, report, verdict } from './bench-utils';
import { churn } from './churn';

/**
 * Issue 4's figures: a 10,000-resource workspace with 30 snapshots at 1% churn (and its drifted
 * twin `production`), then, through the HTTP API:
 *   state at a version (first page of 1,000, with totals), diff first → last version,
 *   cross-workspace diff (staging vs production), export of a version (whole .tar.gz).
 * Each measured request first empties the state cache; "cold" also empties the blob-body cache
 * (a process that just started), "warm" keeps it (a running service that has read bodies before).
 *   npm run bench:history        (SIZE=10000 SNAPSHOTS=30 CHURN=0.01 to change;
 *                                 KEEP_DB=1 keeps the database, HISTORY_DB=<url> measures a kept one)
 */
const SIZE = Number(process.env.SIZE ?? 10_000);
const SNAPSHOTS = Number(process.env.SNAPSHOTS ?? 30);
const CHURN = Number(process.env.CHURN ?? 0.01);

async function prepare(): Promise<{ url: string; cleanup(): Promise<void> }> {
  if (process.env.HISTORY_DB) return { url: process.env.HISTORY_DB, cleanup: async () => undefined };
  const sim = await startSimulator({ SIM_SIZE: String(SIZE), SIM_SEED: 'bench-history' });
  const db = await freshDatabase('history');
  const worker = await startWorker({
    DATABASE_URL: db.url,
    REDIS_PREFIX: `bench-${randomBytes(3).toString('hex')}`,
    SEGMENT_RATE_LIMIT_PER_MINUTE: '1000000',
  });
  try {
    const service = new WorkspacesService(
      worker.get(WorkspaceRepository),
      worker.get(SnapshotRepository),
      worker.get(TokenCipher),
      worker.get(SegmentHosts),
    );
    const staging = await service.create({ name: 'staging', token: 'sim_staging', baseUrl: sim.url });
    const production = await service.create({ name: 'production', token: 'sim_production', baseUrl: sim.url });
    const snapshot = async (workspaceId: string) => {
      const { snapshot: requested } = await worker.get(SnapshotRepository).request({ workspaceId, trigger: 'manual' });
      if ((await worker.get(TakeSnapshotService).run(workspaceId, requested.id)) !== 'completed') throw new Error('snapshot failed');
    };
    for (let i = 0; i < SNAPSHOTS; i++) {
      if (i > 0) await churn(sim.url, 'sim_staging', CHURN, i);
      await snapshot(staging.id);
      process.stdout.write(`\rsnapshots: ${i + 1}/${SNAPSHOTS}`);
    }
    process.stdout.write('\n');
    await snapshot(production.id);
  } finally {
    await worker.close();
    sim.process.kill();
  }
  return {
    url: db.url,
    cleanup: async () => {
      if (process.env.KEEP_DB) console.log(`kept database: HISTORY_DB=${db.url}`);
      else await db.drop();
    },
  };
}

async function main(): Promise<void> {
  const db = await prepare();
  const env = { DATABASE_URL: db.url, REDIS_PREFIX: `bench-${randomBytes(3).toString('hex')}`, REGISTER_SIMULATOR_WORKSPACES: 'false' };
  const { app: api, url: base } = await startApi(env);
  const get = async (path: string) => {
    const start = process.hrtime.bigint();
    const response = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${BENCH_ADMIN_KEY}` } });
    const body = Buffer.from(await response.arrayBuffer());
    const wallMs = ms(start);
    if (response.status !== 200) throw new Error(`GET ${path} → ${response.status} ${body.toString()}`);
    return { wallMs, body };
  };
  const json = async (path: string) => JSON.parse((await get(path)).body.toString()) as any;
  /** Median wall time of `path` with the caches emptied first, cold (no bodies cached) and warm. */
  const measure = async (paths: string[]) => {
    if (process.env.REPEAT) paths = Array.from({ length: Number(process.env.REPEAT) }, () => paths).flat();
    const cold: number[] = [];
    const warm: number[] = [];
    for (const path of paths) {
      api.get(StateReader).clear();
      cold.push((await get(path)).wallMs);
      api.get(StateReader).clear({ bodies: false });
      warm.push((await get(path)).wallMs);
    }
    return { cold: median(cold), warm: median(warm), coldMax: Math.max(...cold), warmMax: Math.max(...warm) };
  };
  try {
    const workspaces = (await json('/workspaces')).items as Array<{ id: string; name: string }>;
    const staging = workspaces.find((w) => w.name === 'staging')!;
    const production = workspaces.find((w) => w.name === 'production')!;
    const snapshots = (await json(`/workspaces/${staging.id}/snapshots?status=completed&limit=1000`)).items as Array<{
      version: number;
      resourceCount: number;
    }>;
    const versions = snapshots.map((s) => s.version).sort((a, b) => a - b);
    const [first, last] = [versions[0]!, versions[versions.length - 1]!];
    const resources = snapshots.find((s) => s.version === last)!.resourceCount;

    const state = await measure(versions.map((v) => `/workspaces/${staging.id}/resources?at=${v}&limit=1000`));
    const stateCached = median(
      await Promise.all([1, 2, 3, 4, 5].map(async () => (await get(`/workspaces/${staging.id}/resources?at=${last}&limit=1000`)).wallMs)),
    );
    const diffPath = `/workspaces/${staging.id}/diff?from=${first}&to=${last}&limit=1000`;
    const diff = await measure([diffPath, diffPath, diffPath, diffPath, diffPath]);
    const diffTotal = (await json(diffPath)).total;
    const crossPath = `/diff?left=${staging.id}@latest&right=${production.id}@latest&limit=1000`;
    const cross = await measure([crossPath, crossPath, crossPath, crossPath, crossPath]);
    const crossTotal = (await json(crossPath)).total;
    const exportPath = `/workspaces/${staging.id}/export?at=${last}`;
    const exported = await measure([exportPath, exportPath, exportPath]);
    const exportBytes = (await get(exportPath)).body.length;

    const figures = {
      resources,
      snapshots: versions.length,
      versions: { first, last },
      stateAtVersionMs: { ...state, cachedState: stateCached },
      diffFirstToLastMs: { ...diff, total: diffTotal },
      crossWorkspaceDiffMs: { ...cross, total: crossTotal },
      exportMs: { ...exported, bytes: exportBytes },
    };
    const line = (name: string, m: { cold: number; warm: number }, limit: number) => [
      verdict(`${name}, cold`, m.cold, limit),
      verdict(`${name}, warm`, m.warm, limit),
    ];
    report('history', figures, [
      `History benchmark: ${resources} resources, ${versions.length} snapshots (versions ${first}…${last}); state cache emptied before each request, cold = no bodies cached either`,
      ...line(
        `state at a version, first page of 1000 (median of ${versions.length} versions; from the state cache ${stateCached.toFixed(1)} ms)`,
        state,
        150,
      ),
      ...line(`diff first → last version (${JSON.stringify(diffTotal)})`, diff, 300),
      ...line(`cross-workspace diff staging vs production (${JSON.stringify(crossTotal)})`, cross, 500),
      ...line(`export of a version (${(exportBytes / 1e6).toFixed(2)} MB .tar.gz)`, exported, 2000),
    ]);
  } finally {
    await api.close();
    await db.cleanup();
  }
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
