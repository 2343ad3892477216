import { Inject, Injectable, Logger } from '@nestjs/common';
import { JsonObject, KIND_CATALOG, KindCatalog, planChanges } from '@app/core';
import { PlanRecord, PlanRepository } from '@app/store';
import { asJson, PlanStates } from './plan-states';
import { SnapshotRunner } from './snapshot-runner';

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
    private readonly snapshots: SnapshotRunner,
    @Inject(KIND_CATALOG) private readonly catalog: KindCatalog,
  ) {}

  async verify(plan: PlanRecord): Promise<void> {
    const steps = await this.plans.steps(plan.id);
    const failed = steps.filter((s) => s.status === 'failed' || s.status === 'blocked').map((s) => ({ step: s.position, action: s.action, kind: s.kind, naturalKey: s.naturalKey, status: s.status, error: s.error }));
    const secretsMissing = steps.filter((s) => s.status === 'done' && s.secretsMissing.length).map((s) => ({ kind: s.kind, naturalKey: s.naturalKey, fields: s.secretsMissing }));
    const snapshot = await this.snapshots.fresh(plan.targetWorkspaceId, { trigger: plan.type === 'copy' ? 'copy' : 'restore', cause: plan.type === 'copy' ? 'copy' : 'restore', causeId: plan.id });
    if (snapshot.status !== 'completed') {
      await this.plans.transition(plan.id, ['verifying'], 'partial', {
        report: asJson({ verified: false, error: `The workspace could not be read after applying: ${snapshot.error ?? 'snapshot failed'}`, failed, secretsMissing }),
        finishedAt: new Date(),
      });
      return;
    }
    const mappings = new Map<string, string>();
    for (const step of steps) if (step.status === 'done' && step.originId && step.resultId) mappings.set(`${step.kind}\u0000${step.originId}`, step.resultId);
    // one after the other: the second reuses the first's bodies and, for one workspace, its entries
    const source = await this.states.source(plan);
    const live = await this.states.live(plan, snapshot.version!);
    // Secrets read back masked: what was supplied cannot be compared, only reported as set.
    const check = planChanges(this.catalog, source, live, { ...(await this.states.options(plan, snapshot, mappings)), secrets: [] });
    const secretsSet = steps.filter((s) => s.status === 'done' && s.secretsSupplied.length).map((s) => ({ kind: s.kind, naturalKey: s.naturalKey, fields: s.secretsSupplied }));
    const differences = check.steps.map((s) => ({ action: s.action, kind: s.kind, naturalKey: s.naturalKey, reason: s.reason, ...(s.ops ? { ops: s.ops } : {}) }));
    const invitesPending = check.gaps.filter((g) => g.type === 'invite').map((g) => ({ kind: g.kind, naturalKey: g.naturalKey, message: g.message }));
    const report = {
      verified: true,
      version: snapshot.version,
      matched: check.totals.unchanged,
      differences,
      secretsMissing,
      secretsSet,
      invitesPending,
      failed,
      otherGaps: check.gaps.filter((g) => g.type !== 'invite' && g.type !== 'secret'),
      requests: steps.reduce((n, s) => n + s.requests, 0),
    };
    const status = failed.length || differences.length ? 'partial' : 'completed';
    await this.plans.transition(plan.id, ['verifying'], status, { verifyVersion: snapshot.version, report: report as unknown as JsonObject, finishedAt: new Date() });
    this.logger.log(`Plan ${plan.id} ${status}: ${report.matched} resources match, ${differences.length} differ, ${failed.length} steps failed`);
  }
}
