import { Inject, Injectable, Logger } from '@nestjs/common';
import { WorkerConfig } from '@app/config';
import {
  Created,
  getAt,
  JsonObject,
  KIND_CATALOG,
  KindCatalog,
  NaturalKeyResolver,
  observeResources,
  ObservedResource,
  PendingReference,
} from '@app/core';
import { AmbiguousWriteError, SegmentApiError, SegmentClient, WorkspaceReader } from '@app/segment';
import { PlanRecord, PlanRepository, PlanStepRecord, WorkspaceRepository } from '@app/store';
import { SegmentConnectionFactory } from '../segment/segment-connection.factory';
import { ConflictCheck } from './conflict-check';
import { PlanStates } from './plan-states';
import { SnapshotRunner } from './snapshot-runner';
import { StepResults, StepWriter } from './step-writer';
import { Verifier } from './verifier';

/** Classes slow enough (a few requests a minute) that one step at a time is all that helps. */
const SLOW_CLASSES = new Set(['subscriptions-write', 'warehouse-sync']);
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
    private readonly snapshots: SnapshotRunner,
    private readonly connections: SegmentConnectionFactory,
    private readonly conflicts: ConflictCheck,
    private readonly verifier: Verifier,
    private readonly config: WorkerConfig,
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
        const stopped = await this.checkBeforeApplying(plan);
        if (stopped) return;
        plan = (await this.plans.find(planId))!;
      }
      await this.execute(plan);
      await this.plans.transition(planId, ['applying'], 'verifying');
      plan = (await this.plans.find(planId))!;
    }
    if (plan.status === 'verifying') await this.verifier.verify(plan);
  }

  /** The undo point and the conflict check; true when the apply must stop here. */
  private async checkBeforeApplying(plan: PlanRecord): Promise<boolean> {
    const snapshot = await this.snapshots.fresh(plan.targetWorkspaceId, { trigger: plan.type === 'copy' ? 'copy' : 'restore' });
    if (snapshot.status !== 'completed') {
      await this.plans.transition(plan.id, ['applying'], 'failed', {
        error: `Nothing was applied: the workspace could not be read first (${snapshot.error ?? 'snapshot failed'})`,
        finishedAt: new Date(),
      });
      return true;
    }
    const conflicts = await this.conflicts.find(plan, snapshot.version!);
    if (conflicts.length) {
      await this.plans.transition(plan.id, ['applying'], 'conflict', {
        preApplyVersion: snapshot.version,
        conflicts: conflicts as unknown as JsonObject[],
        error: `The live workspace changed since the plan was made (${conflicts.length} conflicting change${conflicts.length === 1 ? '' : 's'}); nothing was applied. Make a new plan.`,
        finishedAt: new Date(),
      });
      return true;
    }
    await this.plans.update(plan.id, { preApplyVersion: snapshot.version });
    return false;
  }

  private async execute(plan: PlanRecord): Promise<void> {
    const steps = await this.plans.steps(plan.id);
    const workspace = await this.workspaces.get(plan.targetWorkspaceId);
    const client = this.connections.forWorkspace(workspace);
    const writer = new StepWriter(this.catalog, client, this.states.secrets(plan));
    const results: StepResults = new Map();
    for (const step of steps) if (step.status === 'done') results.set(step.position, resultOf(step));
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const uncertain = steps.filter((s) => s.status === 'running');
      if (uncertain.length) await this.settle(plan, client, writer, uncertain, results, workspace.segmentSlug ?? '');
      await this.run(plan, steps, writer, results);
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
    await this.progress(plan.id, steps, client);
    this.logger.log(
      `Plan ${plan.id}: applied ${steps.filter((s) => s.status === 'done').length}/${steps.length} steps with ${client.stats.requests} requests`,
    );
  }

  /** Runs every step whose dependencies are done, a bounded number at a time. */
  private async run(plan: PlanRecord, steps: PlanStepRecord[], writer: StepWriter, results: StepResults): Promise<void> {
    const byPosition = new Map(steps.map((s) => [s.position, s]));
    const dependents = new Map<number, number[]>();
    const waiting = new Map<number, number>();
    for (const step of steps) {
      waiting.set(step.position, step.dependsOn.filter((d) => byPosition.get(d)?.status !== 'done').length);
      for (const d of step.dependsOn) dependents.set(d, [...(dependents.get(d) ?? []), step.position]);
    }
    const ready = steps.filter((s) => s.status === 'pending' && waiting.get(s.position) === 0).map((s) => s.position);
    const blocked = async (position: number, because: number) => {
      const step = byPosition.get(position)!;
      if (step.status !== 'pending') return;
      step.status = 'blocked';
      await this.plans.finishStep(plan.id, position, {
        status: 'blocked',
        error: `not applied: step ${because} it waits for did not succeed`,
      });
      for (const next of dependents.get(position) ?? []) await blocked(next, because);
    };
    for (const step of steps)
      if (step.status === 'failed' || step.status === 'blocked')
        for (const next of dependents.get(step.position) ?? []) await blocked(next, step.position);

    const inFlight = new Map<number, Promise<void>>();
    const busyClasses = new Set<string>();
    let lastProgress = 0;
    for (;;) {
      ready.sort((a, b) => a - b);
      for (let i = 0; i < ready.length && inFlight.size < this.config.applyConcurrency;) {
        const position = ready[i]!;
        const step = byPosition.get(position)!;
        const slow = this.slowClassOf(step);
        if (slow && busyClasses.has(slow)) {
          i++;
          continue;
        }
        ready.splice(i, 1);
        if (step.status !== 'pending') continue;
        if (slow) busyClasses.add(slow);
        const task = this.runStep(plan, step, writer, results).then(async () => {
          if (slow) busyClasses.delete(slow);
          inFlight.delete(position);
          if (step.status === 'done') {
            for (const next of dependents.get(position) ?? []) {
              const left = waiting.get(next)! - 1;
              waiting.set(next, left);
              if (left === 0 && byPosition.get(next)!.status === 'pending') ready.push(next);
            }
          } else if (step.status === 'failed') {
            for (const next of dependents.get(position) ?? []) await blocked(next, position);
          }
        });
        inFlight.set(position, task);
      }
      if (!inFlight.size) break;
      await Promise.race(inFlight.values());
      if (Date.now() - lastProgress > 500) {
        lastProgress = Date.now();
        void this.progress(plan.id, steps).catch(() => undefined);
      }
    }
  }

  private async runStep(plan: PlanRecord, step: PlanStepRecord, writer: StepWriter, results: StepResults): Promise<void> {
    await this.plans.startStep(plan.id, step.position);
    step.status = 'running';
    try {
      const outcome = await writer.perform(step, results);
      await this.plans.finishStep(plan.id, step.position, {
        status: 'done',
        resultId: outcome.resultId,
        result: outcome.result,
        requests: outcome.requests,
      });
      Object.assign(step, { status: 'done', resultId: outcome.resultId ?? null, result: outcome.result ?? null });
      results.set(step.position, resultOf(step));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // A create whose answer was lost, or that Segment says exists already: settle it by looking.
      const uncertain =
        error instanceof AmbiguousWriteError || (isCreate(step) && error instanceof SegmentApiError && error.status === 409);
      if (uncertain) {
        step.error = message;
        await this.plans.finishStep(plan.id, step.position, { status: 'running', error: message });
        return;
      }
      step.status = 'failed';
      await this.plans.finishStep(plan.id, step.position, { status: 'failed', error: message });
    }
  }

  /**
   * Steps whose outcome is unknown: creates are looked for by natural key in a fresh read of the
   * workspace (found: adopted and brought to the desired body; not found: tried again); every
   * other step is idempotent and simply runs again.
   */
  private async settle(
    plan: PlanRecord,
    client: SegmentClient,
    writer: StepWriter,
    uncertain: PlanStepRecord[],
    results: StepResults,
    slug: string,
  ): Promise<void> {
    const read = await new WorkspaceReader(client, this.catalog).read();
    const observed = observeResources(this.catalog, read.workspace.slug || slug, read.items);
    for (const step of uncertain) {
      if (!isCreate(step)) {
        await this.plans.resetStep(plan.id, step.position);
        step.status = 'pending';
        continue;
      }
      const found = this.lookFor(step, observed, results, writer, read.workspace.slug || slug);
      if (!found) {
        await this.plans.resetStep(plan.id, step.position);
        step.status = 'pending';
        continue;
      }
      const requests = await writer.converge(step, found, results);
      const identity = Object.fromEntries(
        this.catalog.get(step.kind).identity.map((pointer) => [pointer.slice(1), getAt(found.body, pointer)]),
      );
      const result = { adopted: true, ...(Object.keys(identity).length ? { identity } : {}) } as JsonObject;
      await this.plans.finishStep(plan.id, step.position, { status: 'done', resultId: found.id, result, requests });
      Object.assign(step, { status: 'done', resultId: found.id, result });
      results.set(step.position, resultOf(step));
    }
  }

  /** The live resource a create step may already have made: same kind, same natural key in the target. */
  private lookFor(
    step: PlanStepRecord,
    observed: ObservedResource[],
    results: StepResults,
    writer: StepWriter,
    slug: string,
  ): { id: string; body: JsonObject } | undefined {
    const definition = this.catalog.get(step.kind);
    const kind = step.action === 'invite' ? (definition.write?.invitedAs ?? step.kind) : step.kind;
    let body: JsonObject;
    try {
      body = writer.desiredBody(step.kind, step.after as JsonObject, step.pending as unknown as PendingReference[], results, {
        id: step.originId ?? undefined,
        naturalKey: step.naturalKey,
      }).body;
    } catch {
      return undefined;
    }
    const candidate = { kind: step.kind, id: '\u0000candidate', body };
    const naturalKey = new NaturalKeyResolver(this.catalog, slug, [...observed, candidate]).naturalKey(step.kind, candidate.id);
    const match = observed.find((r) => r.kind === kind && r.naturalKey === naturalKey);
    return match ? { id: match.id, body: match.body } : undefined;
  }

  private slowClassOf(step: PlanStepRecord): string | undefined {
    const writer = this.catalog.get(step.kind).write;
    if (!writer) return undefined;
    try {
      const request =
        step.action === 'delete'
          ? writer.delete(step.liveId ?? '', (step.before ?? {}) as JsonObject)
          : writer.create((step.after ?? step.before ?? {}) as JsonObject);
      return request.rateClass && SLOW_CLASSES.has(request.rateClass) ? request.rateClass : undefined;
    } catch {
      return undefined;
    }
  }

  /** Which target resource each source resource became, for verification and later copies. */
  private async recordMappings(plan: PlanRecord, steps: PlanStepRecord[]): Promise<void> {
    const entries: Array<{ kind: string; originId: string; targetId: string }> = [];
    for (const step of steps) {
      if (step.status !== 'done') continue;
      if (step.originId && step.resultId && (step.action === 'create' || step.action === 'update'))
        entries.push({ kind: step.kind, originId: step.originId, targetId: step.resultId });
      const ids = ((step.result as { ids?: Array<{ originId?: string; id: string }> } | null)?.ids ?? []).filter((i) => i.originId);
      for (const item of ids) entries.push({ kind: step.kind, originId: item.originId!, targetId: item.id });
    }
    const lasting = plan.type === 'copy' ? entries : entries.filter((e) => e.originId !== e.targetId);
    if (lasting.length) await this.plans.recordMappings(plan.sourceWorkspaceId, plan.targetWorkspaceId, plan.id, lasting);
  }

  private async progress(planId: string, steps: PlanStepRecord[], client?: SegmentClient): Promise<void> {
    const counts: Record<string, number> = {};
    for (const step of steps) counts[step.status] = (counts[step.status] ?? 0) + 1;
    await this.plans.update(planId, {
      progress: { total: steps.length, ...counts, ...(client ? { requests: client.stats.requests } : {}) },
    });
  }
}

const isCreate = (step: PlanStepRecord) => step.action === 'create' || step.action === 'invite';

function resultOf(step: PlanStepRecord): Created {
  const identity = (step.result as { identity?: JsonObject } | null)?.identity;
  return { id: step.resultId ?? '', ...(identity ? { identity } : {}) };
}
