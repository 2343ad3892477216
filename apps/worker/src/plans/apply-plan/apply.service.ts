import { Inject, Injectable, Logger } from '@nestjs/common';
import { KIND_CATALOG, KindCatalog } from '@app/core';
import { PlanRecord, PlanRepository, PlanStepRecord, WorkspaceRepository } from '@app/store';
import { SegmentConnectionFactory } from '../../segment/segment-connection.factory';
import { ConflictCheck } from '../shared/conflict-check';
import { FreshSnapshotStep } from '../shared/fresh-snapshot-step';
import { PlanStates } from '../shared/plan-states';
import { Verifier } from '../verify-plan/verifier';
import { StepRunner } from './step-runner';
import { createdBy, StepResults, StepWriter } from './step-writer';
import { UncertainCreates } from './uncertain-creates';

/** How many times steps of unknown outcome are looked for before they count as failed. */
const MAX_ROUNDS = 3;

/**
 * Applies an approved plan: a snapshot first (every apply can be undone), a conflict check
 * against what the plan was made from, then the steps in dependency order with bounded
 * concurrency, each step's outcome persisted as it happens. A step whose outcome is unknown (a
 * create that timed out, a worker that died) is settled by reading the workspace and looking for
 * the resource by natural key before anything is created again. Then it verifies.
 */
@Injectable()
export class ApplyService {
  private readonly logger = new Logger(ApplyService.name);

  constructor(
    private readonly plans: PlanRepository,
    private readonly workspaces: WorkspaceRepository,
    private readonly states: PlanStates,
    private readonly freshSnapshot: FreshSnapshotStep,
    private readonly conflicts: ConflictCheck,
    private readonly connections: SegmentConnectionFactory,
    private readonly runner: StepRunner,
    private readonly uncertainCreates: UncertainCreates,
    private readonly verifier: Verifier,
    @Inject(KIND_CATALOG) private readonly catalog: KindCatalog,
  ) {}

  async apply(planId: string): Promise<void> {
    let plan = await this.plans.find(planId);
    if (!plan) return;
    if (plan.status === 'queued') {
      await this.plans.transition(planId, ['queued'], 'applying', { applyStartedAt: new Date() });
      plan = (await this.plans.find(planId))!;
    }
    if (plan.status === 'applying') {
      if (plan.preApplyVersion === null) {
        await this.plans.enterPhase(planId, 'pre-apply-snapshot');
        const stopped = await this.checkBeforeApplying(plan);
        if (stopped) return;
        plan = (await this.plans.find(planId))!;
      }
      await this.execute(plan);
      await this.plans.transition(planId, ['applying'], 'verifying');
      plan = (await this.plans.find(planId))!;
    }
    if (plan.status === 'verifying') {
      await this.plans.enterPhase(planId, 'verification');
      await this.verifier.verify(plan);
    }
  }

  /** The undo point and the conflict check; true when the apply must stop here. */
  private async checkBeforeApplying(plan: PlanRecord): Promise<boolean> {
    const snapshot = await this.freshSnapshot.takeOrStop(plan, {
      from: 'applying',
      to: 'failed',
      stop: (reason) => ({ error: `Nothing was applied: the workspace could not be read first (${reason})` }),
    });
    if (!snapshot) return true;
    const conflicts = await this.conflicts.find(plan, snapshot.version);
    if (conflicts.length) {
      await this.plans.transition(plan.id, ['applying'], 'conflict', {
        preApplyVersion: snapshot.version,
        conflicts,
        error: `The live workspace changed since the plan was made (${conflicts.length} conflicting change${conflicts.length === 1 ? '' : 's'}); nothing was applied. Make a new plan.`,
        finishedAt: new Date(),
      });
      return true;
    }
    await this.plans.update(plan.id, { preApplyVersion: snapshot.version });
    return false;
  }

  private async execute(plan: PlanRecord): Promise<void> {
    await this.plans.enterPhase(plan.id, 'steps');
    const steps = await this.plans.steps(plan.id);
    const workspace = await this.workspaces.get(plan.targetWorkspaceId);
    const client = this.connections.forWorkspace(workspace);
    const writer = new StepWriter(this.catalog, client, this.states.secrets(plan));
    const results: StepResults = new Map();
    for (const step of steps) if (step.status === 'done') results.set(step.position, createdBy(step));
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const uncertain = steps.filter((s) => s.status === 'running');
      if (uncertain.length) await this.uncertainCreates.settle(plan, client, writer, uncertain, results, workspace.segmentSlug ?? '');
      await this.runner.run(plan, steps, writer, results);
      if (!steps.some((s) => s.status === 'running')) break;
    }
    for (const step of steps.filter((s) => s.status === 'running')) {
      await this.plans.finishStep(plan.id, step.position, {
        status: 'failed',
        error: `${step.error ?? 'outcome unknown'}; still unknown after reading the workspace ${MAX_ROUNDS} times`,
      });
      step.status = 'failed';
    }
    await this.recordMappings(plan, steps);
    await this.runner.recordProgress(plan.id, steps, client);
    this.logger.log(
      { planId: plan.id, workspaceId: plan.targetWorkspaceId },
      `Plan ${plan.id}: applied ${steps.filter((s) => s.status === 'done').length}/${steps.length} steps with ${client.stats.requests} requests`,
    );
  }

  /** Which target resource each source resource became, for verification and later copies. */
  private async recordMappings(plan: PlanRecord, steps: PlanStepRecord[]): Promise<void> {
    const entries: Array<{ kind: string; originId: string; targetId: string }> = [];
    for (const step of steps) {
      if (step.status !== 'done') continue;
      if (step.originId && step.resultId && (step.action === 'create' || step.action === 'update'))
        entries.push({ kind: step.kind, originId: step.originId, targetId: step.resultId });
      for (const item of step.result?.ids ?? [])
        if (item.originId) entries.push({ kind: step.kind, originId: item.originId, targetId: item.id });
    }
    const lasting = plan.type === 'copy' ? entries : entries.filter((e) => e.originId !== e.targetId);
    if (lasting.length) await this.plans.recordMappings(plan.sourceWorkspaceId, plan.targetWorkspaceId, plan.id, lasting);
  }
}
