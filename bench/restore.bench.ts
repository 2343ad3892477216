import { randomBytes } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { WorkspacesService } from '../apps/api/src/workspaces/workspaces.service';
import { KIND_CATALOG, KindCatalog, planChanges } from '../libs/core/src';
import { SegmentClient, UNLIMITED } from '../libs/segment/src';
import { PlanRepository, PrismaService, SnapshotRepository, TokenCipher, WorkspaceRepository } from '../libs/store/src';
import { SegmentHosts } from '../libs/config/src';
import { PlanStates } from '../apps/worker/src/plans/shared/plan-states';
import { freshDatabase, planIn, snapshotThroughApi, startApi, startSimulator, startWorker } from './bench-env';
import { median, ms, report, verdict } from './bench-utils';
import { churn } from './churn';

/**
 * Issue 5's figures.
 *  A. Planning a restore of a 10,000-resource workspace after 1% churn: the fresh read of the
 *     live workspace, and the computing (loading both states from the log, and the planner).
 *  B. Applying at Segment's pace: a simulator limiting the token to 60 requests a window (time
 *     scale 60: a 1-second window), a restore of 600 deleted filters; the write phase's request
 *     rate against the rate the simulator allows, and the 429s it answered.
 *   npm run bench:restore        (SIZE=10000 CHURN=0.01 FILTERS=600 to change)
 */
const SIZE = Number(process.env.SIZE ?? 10_000);
const CHURN = Number(process.env.CHURN ?? 0.01);
const FILTERS = Number(process.env.FILTERS ?? 600);
const LIMIT = 60;
const SCALE = 60;

async function main(): Promise<void> {
  const big = await startSimulator({ SIM_SIZE: String(SIZE), SIM_SEED: 'bench-restore' });
  const small = await startSimulator({ SIM_SIZE: '300', SIM_SEED: 'bench-restore-rate' });
  const db = await freshDatabase('restore');
  const env = {
    DATABASE_URL: db.url,
    REDIS_PREFIX: `bench-${randomBytes(3).toString('hex')}`,
    REGISTER_SIMULATOR_WORKSPACES: 'false',
    SEGMENT_TIME_SCALE: String(SCALE),
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
    const figures: Record<string, unknown> = {};
    const lines: string[] = [];

    // ── A: planning ──────────────────────────────────────────────────────────────
    const staging = await service.create({ name: 'staging', token: 'sim_staging', baseUrl: big.url, rateLimitPerMinute: 10_000_000 });
    const before = await snapshotThroughApi(http, staging.id);
    const changes = await churn(big.url, 'sim_staging', CHURN, 1);
    const requested = process.hrtime.bigint();
    const plan = await planIn(http, (await http('POST', `/workspaces/${staging.id}/restores`, { to: String(before) })).planId, [
      'ready',
      'failed',
    ]);
    const endToEnd = ms(requested);
    const summary = plan.summary as { readMs: number; computeMs: number; totals: Record<string, number>; liveResources: number };
    const plannerOnly = await plannerTimes(worker, plan.id, plan.versions.live);
    figures.planning = {
      resources: summary.liveResources,
      churn: changes,
      steps: plan.stepCounts,
      totals: summary.totals,
      readMs: summary.readMs,
      computeMs: summary.computeMs,
      plannerOnlyMs: plannerOnly,
      endToEndMs: endToEnd,
    };
    lines.push(
      `Restore benchmark A: ${summary.liveResources} resources, ${changes} changes made (${CHURN * 100}% churn), plan of ${JSON.stringify(summary.totals)}`,
      `      fresh read of the live workspace: ${summary.readMs} ms; request → ready: ${endToEnd.toFixed(0)} ms`,
      verdict('planning compute (both states from the log + planner)', summary.computeMs, 1000),
      `      planner alone, median of 5: ${plannerOnly.toFixed(1)} ms`,
    );
    const applied = await planIn(
      http,
      (await http('POST', `/plans/${plan.id}/apply`)).planId ?? plan.id,
      ['completed', 'partial', 'conflict', 'failed'],
      600_000,
    );
    figures.planningApply = {
      status: applied.status,
      report: {
        matched: applied.report?.matched,
        differences: applied.report?.differences?.length,
        failed: applied.report?.failed?.length,
      },
    };
    lines.push(
      `      applied: ${applied.status}, ${applied.report?.matched} resources match, ${applied.report?.differences?.length ?? '?'} differ`,
    );

    // ── B: apply rate ────────────────────────────────────────────────────────────
    const rate = await service.create({ name: 'rate', token: 'sim_staging', baseUrl: small.url, rateLimitPerMinute: LIMIT });
    const segment = new SegmentClient({
      baseUrl: small.url,
      token: 'sim_staging',
      limits: { tokenKey: 'setup', perMinute: 1 },
      rateLimiter: UNLIMITED,
    });
    const destinations = (
      await segment.get<{ destinations: Array<{ id: string; sourceId: string }> }>('/destinations', {
        query: { pagination: { count: 1000 } },
      })
    ).data.destinations;
    await Promise.all(
      Array.from({ length: FILTERS }, (_, i) => {
        const d = destinations[i % destinations.length]!;
        return segment.request('POST', `/destination/${d.id}/filters`, {
          body: {
            sourceId: d.sourceId,
            if: `event = "Bench ${i}"`,
            actions: [{ type: 'DROP' }],
            title: `Bench filter ${i}`,
            enabled: true,
          },
        });
      }),
    );
    const withFilters = await snapshotThroughApi(http, rate.id);
    for (const d of destinations) {
      const listed = (
        await segment.get<{ filters: Array<{ id: string; title: string }> }>(`/destination/${d.id}/filters`, {
          query: { pagination: { count: 1000 } },
        })
      ).data.filters;
      await Promise.all(
        listed
          .filter((f) => f.title.startsWith('Bench filter'))
          .map((f) => segment.request('DELETE', `/destination/${d.id}/filters/${f.id}`)),
      );
    }
    const ratePlan = await planIn(
      http,
      (await http('POST', `/workspaces/${rate.id}/restores`, { to: String(withFilters), select: { kinds: ['destination-filter'] } }))
        .planId,
      ['ready', 'failed'],
    );
    // Segment's limits from here on: the pre-apply read, the writes and the verification all pay them
    await fetch(`${small.url}/__sim/rate-limits`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: true, perMinute: LIMIT, timeScale: SCALE }),
    });
    await fetch(`${small.url}/__sim/stats`, { method: 'DELETE' });
    await http('POST', `/plans/${ratePlan.id}/apply`);
    const done = await planIn(http, ratePlan.id, ['completed', 'partial', 'conflict', 'failed'], 600_000);
    const stats = (await (await fetch(`${small.url}/__sim/stats`)).json()) as { byStatus: Record<string, number> };
    const steps = await worker.get(PrismaService).planStep.findMany({ where: { planId: ratePlan.id } });
    const start = Math.min(...steps.map((s) => s.startedAt!.getTime()));
    const end = Math.max(...steps.map((s) => s.finishedAt!.getTime()));
    const requests = steps.reduce((n, s) => n + s.requests, 0);
    const achieved = requests / ((end - start) / 1000);
    const allowed = LIMIT / (60 / SCALE);
    figures.applyRate = {
      status: done.status,
      steps: steps.length,
      requests,
      writePhaseMs: end - start,
      achievedPerSecond: achieved,
      allowedPerSecond: allowed,
      share: achieved / allowed,
      tooManyRequests: stats.byStatus['429'] ?? 0,
    };
    lines.push(
      `Restore benchmark B: ${steps.length} steps (${requests} requests) under ${LIMIT} requests per ${60 / SCALE} s: write phase ${(end - start).toFixed(0)} ms, ${done.status}`,
      `${achieved / allowed >= 0.9 ? 'PASS' : 'FAIL'}  request rate while applying: ${achieved.toFixed(1)}/s of the ${allowed}/s the simulator allows = ${((achieved / allowed) * 100).toFixed(1)} % (target ≥ 90 %); ${stats.byStatus['429'] ?? 0} answers 429`,
    );
    report('restore', figures, lines);
  } finally {
    await api.close();
    await worker.close();
    big.process.kill();
    small.process.kill();
    await db.drop();
  }
}

/** The planner alone on the plan's two states (already loaded once), median of five runs. */
async function plannerTimes(worker: INestApplicationContext, planId: string, liveVersion: number): Promise<number> {
  const plan = await worker.get(PlanRepository).get(planId);
  const states = worker.get(PlanStates);
  const [source, live] = await Promise.all([states.source(plan), states.live(plan, liveVersion)]);
  const { id: snapshotId } = await worker
    .get(PrismaService)
    .snapshot.findFirstOrThrow({ where: { workspaceId: plan.targetWorkspaceId, version: liveVersion }, select: { id: true } });
  const options = await states.options(plan, (await worker.get(SnapshotRepository).find(snapshotId))!);
  const catalog = worker.get<KindCatalog>(KIND_CATALOG);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    planChanges(catalog, source, live, options);
    times.push(ms(start));
  }
  return median(times);
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
