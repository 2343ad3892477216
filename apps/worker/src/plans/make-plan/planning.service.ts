import { Inject, Injectable, Logger } from '@nestjs/common';
import { Gap, KIND_CATALOG, KindCatalog, planChanges, PlanResult, unmatchedSecrets } from '@app/core';
import { PlanRepository, PlanSummary } from '@app/store';
import { FreshSnapshotStep } from '../shared/fresh-snapshot-step';
import { PlanStates } from '../shared/plan-states';
import { CatalogProbe } from './catalog-probe';

/** What a ready plan says about itself, beyond its steps. */
export function planSummary(result: PlanResult, extra: Omit<PlanSummary, keyof PlanResult | 'secretsNeeded' | 'invites'>): PlanSummary {
  const secretsNeeded = result.gaps
    .filter((g) => g.type === 'secret')
    .map((g) => ({ kind: g.kind, naturalKey: g.naturalKey, fields: g.fields ?? [] }));
  const invites = result.gaps
    .filter((g) => g.type === 'invite')
    .map((g) => ({ kind: g.kind, naturalKey: g.naturalKey, message: g.message }));
  return {
    totals: result.totals,
    gaps: result.gaps,
    secretsNeeded,
    invites,
    pulledIn: result.pulledIn,
    kept: result.kept,
    ...extra,
  };
}

const blocking = (gaps: Gap[]) => gaps.filter((g) => g.type === 'cycle');

/**
 * Makes a plan: reads the target workspace fresh (a snapshot, through the shared rate limits),
 * loads the source state from the log, and stores the steps from live to source.
 */
@Injectable()
export class PlanningService {
  private readonly logger = new Logger(PlanningService.name);

  constructor(
    private readonly plans: PlanRepository,
    private readonly states: PlanStates,
    private readonly freshSnapshot: FreshSnapshotStep,
    private readonly probe: CatalogProbe,
    @Inject(KIND_CATALOG) private readonly catalog: KindCatalog,
  ) {}

  async plan(planId: string): Promise<void> {
    let plan = await this.plans.find(planId);
    if (!plan || plan.status !== 'planning') return;
    const started = Date.now();
    const snapshot = await this.freshSnapshot.takeOrStop(plan, {
      from: 'planning',
      to: 'failed',
      stop: (reason) => ({ error: `The live workspace could not be read: ${reason}` }),
    });
    if (!snapshot) return;
    if (plan.options.sourceFresh) {
      const fromSnapshot = await this.freshSnapshot.takeOrStop(plan, {
        workspaceId: plan.sourceWorkspaceId,
        from: 'planning',
        to: 'failed',
        stop: (reason) => ({ error: `The source workspace could not be read: ${reason}` }),
      });
      if (!fromSnapshot) return;
      plan = await this.plans.update(planId, { sourceVersion: fromSnapshot.version });
    }
    const readMs = Date.now() - started;
    const computeStarted = Date.now();
    // one after the other: the second reuses the first's bodies and, for one workspace, its entries
    const source = await this.states.source(plan);
    const live = await this.states.live(plan, snapshot.version);
    const options = await this.states.options(plan, snapshot);
    // a fresh source is known only now: a secret naming none of its resources fails the plan, saying which
    const unmatched = unmatchedSecrets(options.secrets ?? [], source.resources);
    if (unmatched.length) {
      await this.plans.transition(planId, ['planning'], 'failed', {
        error: unmatched.map((u) => u.message).join('; '),
        finishedAt: new Date(),
      });
      return;
    }
    // a copy needs the target's catalog to have what the source's resources are instances of
    const probeStarted = Date.now();
    if (plan.type === 'copy') options.missingCatalogEntries = await this.probe.missing(source, plan.targetWorkspaceId);
    const probeMs = Date.now() - probeStarted;
    const result = planChanges(this.catalog, source, live, options);
    const computeMs = Date.now() - computeStarted - probeMs;
    const cycles = blocking(result.gaps);
    await this.plans.recordPlan(planId, {
      steps: result.steps,
      liveVersion: snapshot.version,
      summary: planSummary(result, {
        liveVersion: snapshot.version,
        liveSnapshotId: snapshot.id,
        readMs,
        computeMs,
        catalogProbeMs: probeMs,
        sourceResources: source.resources.length,
        liveResources: live.resources.length,
      }),
      ...(cycles.length ? { failed: cycles.map((c) => c.message).join('; ') } : {}),
    });
    this.logger.log(
      { planId, workspaceId: plan.targetWorkspaceId },
      `Plan ${planId} (${plan.type}): ${result.steps.length} steps, ${result.gaps.length} gaps; read ${readMs} ms, computed ${computeMs} ms`,
    );
  }
}
