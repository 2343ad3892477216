import { randomBytes } from 'node:crypto';
import { WorkspacesService } from '../apps/api/src/workspaces/workspaces.service';
import { SnapshotRepository, TokenCipher, WorkspaceRepository } from '../libs/store/src';
import { SegmentHosts } from '../libs/config/src';
import { freshDatabase, planIn, snapshotThroughApi, startApi, startSimulator, startWorker } from './bench-env';
import { ms, report, verdict } from './bench-utils';

/**
 * Issue 6's figure: planning a copy of a 10,000-resource workspace, into an empty workspace (a
 * clone: every resource created) and into its drifted twin (a promotion: every resource compared,
 * with a staging → production substitution), both backed up already as nightly snapshots do.
 * Planning = reading the target fresh, probing its catalog, loading both states from the log,
 * and the planner; each is reported.
 *   npm run bench:copy        (SIZE=10000 to change)
 */
const SIZE = Number(process.env.SIZE ?? 10_000);

async function main(): Promise<void> {
  const full = await startSimulator({ SIM_SIZE: String(SIZE), SIM_SEED: 'bench-copy' });
  const empty = await startSimulator({ SIM_SIZE: '0', SIM_SEED: 'bench-copy-empty' });
  const db = await freshDatabase('copy');
  const env = {
    DATABASE_URL: db.url,
    REDIS_PREFIX: `bench-${randomBytes(3).toString('hex')}`,
    REGISTER_SIMULATOR_WORKSPACES: 'false',
    SEGMENT_RATE_LIMIT_PER_MINUTE: '10000000',
  };
  const worker = await startWorker(env);
  const { app: api, http } = await startApi(env);
  try {
    const service = new WorkspacesService(
      worker.get(WorkspaceRepository),
      worker.get(SnapshotRepository),
      worker.get(TokenCipher),
      worker.get(SegmentHosts),
    );
    const staging = await service.create({ name: 'staging', token: 'sim_staging', baseUrl: full.url });
    const production = await service.create({ name: 'production', token: 'sim_production', baseUrl: full.url });
    await service.create({ name: 'empty', token: 'sim_staging', baseUrl: empty.url });
    // both workspaces are backed up already, as the nightly schedule does
    const version = await snapshotThroughApi(http, staging.id);
    await snapshotThroughApi(http, production.id);

    const plan = async (body: Record<string, unknown>) => {
      const started = process.hrtime.bigint();
      const { planId } = await http('POST', '/copies', body);
      return { plan: await planIn(http, planId, ['ready', 'failed']), endToEndMs: ms(started) };
    };
    const clone = await plan({ from: { workspace: 'staging', at: String(version) }, to: 'empty' });
    const promote = await plan({
      from: { workspace: 'staging', at: String(version) },
      to: 'production',
      substitutions: [{ match: 'staging', replace: 'production' }],
    });
    const figure = (name: string, r: { plan: any; endToEndMs: number }) => ({
      name,
      status: r.plan.status,
      steps: r.plan.summary.totals,
      gaps: r.plan.summary.gaps.length,
      readMs: r.plan.summary.readMs,
      catalogProbeMs: r.plan.summary.catalogProbeMs,
      computeMs: r.plan.summary.computeMs,
      planningMs: r.plan.summary.readMs + r.plan.summary.catalogProbeMs + r.plan.summary.computeMs,
      endToEndMs: r.endToEndMs,
      sourceResources: r.plan.summary.sourceResources,
    });
    const figures = { clone: figure('clone into an empty workspace', clone), promote: figure('promote into the drifted twin', promote) };
    const line = (f: ReturnType<typeof figure>) => [
      `      ${f.name}: ${f.sourceResources} source resources, ${JSON.stringify(f.steps)}, ${f.gaps} gaps; read ${f.readMs} ms, catalog probe ${f.catalogProbeMs} ms, compute ${f.computeMs} ms; request → ready ${f.endToEndMs.toFixed(0)} ms`,
      verdict(`planning a copy (${f.name}: read + probe + compute)`, f.planningMs, 2000),
    ];
    report('copy', figures, [`Copy benchmark: ${SIZE}-resource staging`, ...line(figures.clone), ...line(figures.promote)]);
  } finally {
    await api.close();
    await worker.close();
    full.process.kill();
    empty.process.kill();
    await db.drop();
  }
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
