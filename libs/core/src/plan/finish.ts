import { JsonObject, withChanges } from '../json';
import { batchSteps } from './batches';
import { orderSteps } from './order';
import { PlanContext } from './plan-context';
import { PendingReference, placeholder, PlannedStep, PlanResult, StepAction } from './types';

/**
 * The plan as returned: batch-written kinds merged, steps in execution order (creates and
 * updates before plain deletes, catalog order, natural key) numbered 1…n, totals counted. Steps
 * that wait for each other come last, with a cycle gap.
 */
export function finishPlan(context: PlanContext): PlanResult {
  const { catalog } = context;
  const batched = batchSteps(catalog, context.steps);
  const { order, cycle } = orderSteps(batched, (step) => {
    const removal = step.action === 'delete' || step.action === 'delete-batch';
    const catalogIndex = catalog.indexOf(step.kind);
    return [removal && !step.replace ? 1 : 0, removal ? -catalogIndex : catalogIndex, step.naturalKey];
  });
  if (cycle.length) {
    const names = cycle.map((i) => batched.find((s) => s.index === i)!).map((s) => `${s.action} ${s.kind} '${s.naturalKey}'`);
    context.gaps.push({ type: 'cycle', kind: '*', message: `These steps wait for each other and cannot be ordered: ${names.join('; ')}` });
  }
  const steps = renumber(batched, [...order, ...cycle]);
  const totals: PlanResult['totals'] = {
    create: 0,
    update: 0,
    delete: 0,
    invite: 0,
    'upsert-batch': 0,
    'delete-batch': 0,
    unchanged: context.unchanged,
  };
  for (const step of steps) totals[step.action as StepAction]++;
  return { steps, gaps: context.gaps, pulledIn: context.pulledIn, kept: context.kept, totals };
}

/** Steps numbered 1…n in execution order; dependencies and placeholders follow. */
function renumber(steps: PlannedStep[], order: number[]): PlannedStep[] {
  const position = new Map(order.map((index, i) => [index, i + 1]));
  const byIndex = new Map(steps.map((s) => [s.index, s]));
  const move = (pending: PendingReference[], body: JsonObject | undefined) => {
    const next = pending.map((p) => ({ ...p, step: position.get(p.step)! }));
    return {
      pending: next,
      body:
        body && next.length
          ? withChanges(
              body,
              next.map((p) => [p.pointer, placeholder(p.step)] as const),
            )
          : body,
    };
  };
  return order.map((index) => {
    const step = byIndex.get(index)!;
    const { pending, body } = move(step.pending, step.after);
    return {
      ...step,
      index: position.get(index)!,
      after: body,
      pending,
      dependsOn: [...new Set(step.dependsOn.map((d) => position.get(d)!))].sort((a, b) => a - b),
      ...(step.items
        ? {
            items: step.items.map((item) => {
              const moved = move(item.pending, item.after);
              return { ...item, pending: moved.pending, after: moved.body };
            }),
          }
        : {}),
    };
  });
}
