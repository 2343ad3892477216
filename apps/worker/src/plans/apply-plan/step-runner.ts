import { Inject, Injectable } from '@nestjs/common';
import { WorkerConfig } from '@app/config';
import { BlockedStep, KIND_CATALOG, KindCatalog, StepScheduler } from '@app/core';
import { AmbiguousWriteError, SegmentApiError, SegmentClient, serialRateClass } from '@app/segment';
import { ProcessMetrics } from '@app/observability';
import { PlanRecord, PlanRepository, PlanStepRecord, STEP_STATUSES } from '@app/store';
import { createdBy, isCreate, StepResults, StepWriter } from './step-writer';

type StepEnd = 'done' | 'failed' | 'undecided';

/**
 * Runs the steps of an apply that can run: the StepScheduler says which may start (dependencies
 * done, APPLY_CONCURRENCY at most, slow rate classes one at a time), this sends them and
 * persists each outcome as it happens. A step whose outcome is unknown is left `running` for
 * the apply to settle.
 */
@Injectable()
export class StepRunner {
  constructor(
    private readonly plans: PlanRepository,
    private readonly config: WorkerConfig,
    private readonly metrics: ProcessMetrics,
    @Inject(KIND_CATALOG) private readonly catalog: KindCatalog,
  ) {}

  async run(plan: PlanRecord, steps: PlanStepRecord[], writer: StepWriter, results: StepResults): Promise<void> {
    const byPosition = new Map(steps.map((s) => [s.position, s]));
    const scheduler = new StepScheduler(
      steps.map((s) => ({ position: s.position, dependsOn: s.dependsOn, status: s.status, serialClass: this.serialClassOf(s) })),
      this.config.applyConcurrency,
    );
    await this.block(plan, byPosition, scheduler.blockedAtStart());
    const inFlight = new Map<number, Promise<void>>();
    let lastProgress = 0;
    for (;;) {
      for (const position of scheduler.next()) {
        const step = byPosition.get(position)!;
        const task = this.runStep(plan, step, writer, results).then(async (end) => {
          this.metrics.planSteps.inc({ action: step.action, outcome: end });
          if (end === 'done') scheduler.succeeded(position);
          else if (end === 'undecided') scheduler.undecided(position);
          else await this.block(plan, byPosition, scheduler.failed(position));
          inFlight.delete(position);
        });
        inFlight.set(position, task);
      }
      if (!inFlight.size) break;
      await Promise.race(inFlight.values());
      if (Date.now() - lastProgress > 500) {
        lastProgress = Date.now();
        void this.recordProgress(plan.id, steps).catch(() => undefined);
      }
    }
  }

  /** Steps counted by status on the plan, for whoever watches it. */
  async recordProgress(planId: string, steps: PlanStepRecord[], client?: SegmentClient): Promise<void> {
    const counts = Object.fromEntries(STEP_STATUSES.map((status) => [status, steps.filter((s) => s.status === status).length]));
    await this.plans.recordStepProgress(planId, { total: steps.length, ...counts, ...(client ? { requests: client.stats.requests } : {}) });
  }

  private async runStep(plan: PlanRecord, step: PlanStepRecord, writer: StepWriter, results: StepResults): Promise<StepEnd> {
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
      results.set(step.position, createdBy(step));
      return 'done';
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // A create whose answer was lost, or that Segment says exists already: settle it by looking.
      const uncertain =
        error instanceof AmbiguousWriteError || (isCreate(step) && error instanceof SegmentApiError && error.status === 409);
      if (uncertain) {
        step.error = message;
        await this.plans.finishStep(plan.id, step.position, { status: 'running', error: message });
        return 'undecided';
      }
      step.status = 'failed';
      await this.plans.finishStep(plan.id, step.position, { status: 'failed', error: message });
      return 'failed';
    }
  }

  private async block(plan: PlanRecord, byPosition: Map<number, PlanStepRecord>, blocked: BlockedStep[]): Promise<void> {
    for (const { position, waitedFor } of blocked) {
      const step = byPosition.get(position)!;
      step.status = 'blocked';
      this.metrics.planSteps.inc({ action: step.action, outcome: 'blocked' });
      await this.plans.finishStep(plan.id, position, {
        status: 'blocked',
        error: `not applied: step ${waitedFor} it waits for did not succeed`,
      });
    }
  }

  /** The step's endpoint class when Segment allows it only a few requests a minute (see RATE_CLASSES). */
  private serialClassOf(step: PlanStepRecord): string | undefined {
    const writer = this.catalog.get(step.kind).write;
    if (!writer) return undefined;
    try {
      const request =
        step.action === 'delete' ? writer.delete(step.liveId ?? '', step.before ?? {}) : writer.create(step.after ?? step.before ?? {});
      return serialRateClass(request.rateClass);
    } catch {
      return undefined;
    }
  }
}
