import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  getAt,
  isPlainObject,
  isSecretMarker,
  isSuppliedMarker,
  JsonObject,
  KIND_CATALOG,
  KindCatalog,
  planChanges,
  Resource,
  resourceKey,
} from '@app/core';
import { FailedStepReport, PlanRecord, PlanRepository, PlanStepRecord, ResourceFields, VerifiedReport } from '@app/store';
import { FreshSnapshotStep } from '../shared/fresh-snapshot-step';
import { PlanStates } from '../shared/plan-states';
import { whatIsLeft } from './what-is-left';

/**
 * Ends an apply: a fresh snapshot (its events carry the plan as their cause) compared with the
 * state the plan aimed at, through the same planner. What still differs is reported, with why:
 * secrets that were not supplied, people who must accept an invitation, steps that failed.
 */
@Injectable()
export class Verifier {
  private readonly logger = new Logger(Verifier.name);

  constructor(
    private readonly plans: PlanRepository,
    private readonly states: PlanStates,
    private readonly freshSnapshot: FreshSnapshotStep,
    @Inject(KIND_CATALOG) private readonly catalog: KindCatalog,
  ) {}

  /**
   * Settings a step wrote that the workspace does not have afterwards: Segment computes them
   * itself (and ignores what is sent). Learned once per catalog entry.
   */
  private settingsThatDidNotTake(
    steps: PlanStepRecord[],
    live: Resource[],
  ): Array<{ kind: string; naturalKey: string; catalogId: string; settings: string[] }> {
    const byKey = new Map(live.map((r) => [resourceKey(r.kind, r.id), r]));
    const out: Array<{ kind: string; naturalKey: string; catalogId: string; settings: string[] }> = [];
    for (const step of steps) {
      const entry = this.catalog.has(step.kind) ? this.catalog.get(step.kind).catalogEntry : undefined;
      const id = step.resultId ?? step.liveId;
      if (!entry?.settings || step.status !== 'done' || !id || !['create', 'update'].includes(step.action) || !step.after) continue;
      const now = byKey.get(resourceKey(step.kind, id));
      const sent = getAt(step.after, entry.settings);
      const catalogId = getAt(step.after, entry.pointer);
      if (!now || !isPlainObject(sent) || typeof catalogId !== 'string' || catalogId.startsWith('$new:')) continue;
      const have = (getAt(now.body, entry.settings) ?? {}) as JsonObject;
      const missing = Object.entries(sent)
        .filter(([key, value]) => value !== null && !isSecretMarker(value) && !isSuppliedMarker(value) && have[key] === undefined)
        .map(([key]) => key);
      if (missing.length) out.push({ kind: step.kind, naturalKey: step.naturalKey, catalogId, settings: missing.sort() });
    }
    return out;
  }

  async verify(plan: PlanRecord): Promise<void> {
    const steps = await this.plans.steps(plan.id);
    const failed: FailedStepReport[] = steps
      .filter((s) => s.status === 'failed' || s.status === 'blocked')
      .map((s) => ({ step: s.position, action: s.action, kind: s.kind, naturalKey: s.naturalKey, status: s.status, error: s.error }));
    const secretsMissing: ResourceFields[] = steps
      .filter((s) => s.status === 'done' && s.secretsMissing.length)
      .map((s) => ({ kind: s.kind, naturalKey: s.naturalKey, fields: s.secretsMissing }));
    const snapshot = await this.freshSnapshot.takeOrStop(plan, {
      from: 'verifying',
      to: 'partial',
      causedByPlan: true,
      stop: (reason) => ({
        report: {
          verified: false,
          error: `The workspace could not be read after applying: ${reason}`,
          failed,
          secretsMissing,
          left: [`the workspace could not be read after applying: ${reason}`],
        },
      }),
    });
    if (!snapshot) return;
    const mappings = new Map<string, string>();
    for (const step of steps)
      if (step.status === 'done' && step.originId && step.resultId) mappings.set(resourceKey(step.kind, step.originId), step.resultId);
    // one after the other: the second reuses the first's bodies and, for one workspace, its entries
    const source = await this.states.source(plan);
    const live = await this.states.live(plan, snapshot.version);
    const computed = this.settingsThatDidNotTake(steps, live.resources);
    await this.plans.learnComputedSettings(
      plan.id,
      computed.flatMap((c) => c.settings.map((setting) => ({ catalogId: c.catalogId, setting }))),
    );
    // Secrets read back masked: what was supplied cannot be compared, only reported as set.
    const check = planChanges(this.catalog, source, live, { ...(await this.states.options(plan, snapshot, mappings)), secrets: [] });
    const secretsSet = steps
      .filter((s) => s.status === 'done' && s.secretsSupplied.length)
      .map((s) => ({ kind: s.kind, naturalKey: s.naturalKey, fields: s.secretsSupplied }));
    const differences = check.steps.map((s) => ({
      action: s.action,
      kind: s.kind,
      naturalKey: s.naturalKey,
      reason: s.reason,
      ...(s.ops ? { ops: s.ops } : {}),
    }));
    const invitesPending = check.gaps
      .filter((g) => g.type === 'invite')
      .map((g) => ({ kind: g.kind, naturalKey: g.naturalKey, message: g.message }));
    const findings: Omit<VerifiedReport, 'left'> = {
      verified: true,
      version: snapshot.version,
      matched: check.totals.unchanged,
      differences,
      secretsMissing,
      secretsSet,
      invitesPending,
      computedBySegment: computed.map((c) => ({ kind: c.kind, naturalKey: c.naturalKey, fields: c.settings.map((k) => `settings.${k}`) })),
      failed,
      otherGaps: check.gaps.filter((g) => g.type !== 'invite' && g.type !== 'secret'),
      requests: steps.reduce((n, s) => n + s.requests, 0),
    };
    const report: VerifiedReport = { ...findings, left: whatIsLeft(findings) };
    const status = report.left!.length ? 'partial' : 'completed';
    await this.plans.transition(plan.id, ['verifying'], status, {
      verifyVersion: snapshot.version,
      report,
      finishedAt: new Date(),
    });
    this.logger.log(
      { planId: plan.id, workspaceId: plan.targetWorkspaceId },
      `Plan ${plan.id} ${status}: ${report.matched} resources match, ${report.left!.length} things left undone`,
    );
  }
}
