import { finishPlan } from './finish';
import { addStep, PlanContext } from './plan-context';
import { stepSummary, testContext } from './test-plan-catalog';
import { PlannedStep } from './types';

type NewStep = Omit<PlannedStep, 'index' | 'displayName' | 'pending' | 'dependsOn' | 'reason' | 'secretsMissing' | 'secretsSupplied'> &
  Partial<PlannedStep>;

/** A context holding these steps, numbered 1…n in the order given, as the phases before finish leave it. */
function withSteps(...steps: NewStep[]): PlanContext {
  const context = testContext([], []);
  for (const step of steps)
    addStep(context, { displayName: '', pending: [], dependsOn: [], reason: '', secretsMissing: [], secretsSupplied: [], ...step });
  return context;
}

describe('finishPlan', () => {
  it('numbers the steps 1…n in execution order, dependencies and placeholders following', () => {
    const context = withSteps(
      {
        action: 'create',
        kind: 'filter',
        naturalKey: 'web / Amplitude / Drop test',
        after: { destinationId: '$new:2', title: 'Drop test' },
        pending: [{ pointer: '/destinationId', step: 2 }],
        dependsOn: [2, 2],
      },
      { action: 'create', kind: 'destination', naturalKey: 'web / Amplitude', after: { sourceId: 'src_web' } },
    );
    const { steps } = finishPlan(context);
    expect(stepSummary(steps)).toEqual(['create destination web / Amplitude', 'create filter web / Amplitude / Drop test']);
    expect(steps[0]).toMatchObject({ index: 1, after: { sourceId: 'src_web' }, pending: [], dependsOn: [] });
    expect(steps[1]).toMatchObject({
      index: 2,
      after: { destinationId: '$new:1', title: 'Drop test' },
      pending: [{ pointer: '/destinationId', step: 1 }],
      dependsOn: [1],
    });
  });

  it("orders creates and updates before plain deletes, by catalog order; deletes children first; a replace's delete with the writes", () => {
    const context = withSteps(
      { action: 'delete', kind: 'source', naturalKey: 'gone' },
      { action: 'delete', kind: 'destination', naturalKey: 'gone / Mixpanel' },
      { action: 'create', kind: 'filter', naturalKey: 'web / Amplitude / Drop test' },
      { action: 'update', kind: 'source', naturalKey: 'web' },
      { action: 'delete', kind: 'destination', naturalKey: 'web / Braze', replace: true },
      { action: 'create', kind: 'destination', naturalKey: 'web / Amplitude' },
    );
    expect(stepSummary(finishPlan(context).steps)).toEqual([
      'delete destination web / Braze',
      'update source web',
      'create destination web / Amplitude',
      'create filter web / Amplitude / Drop test',
      'delete destination gone / Mixpanel',
      'delete source gone',
    ]);
  });

  it('merges the writes of a batch-written kind into one step per group, what waited for them waiting for the batch', () => {
    const rule = (key: string, trackingPlanId: string, extra: Partial<PlannedStep> = {}): NewStep => ({
      action: 'create',
      kind: 'rule',
      naturalKey: `${trackingPlanId === '$new:1' ? 'Checkout' : 'Signup'} / ${key}`,
      after: { trackingPlanId, key },
      ...(trackingPlanId === '$new:1' ? { pending: [{ pointer: '/trackingPlanId', step: 1 }], dependsOn: [1] } : {}),
      ...extra,
    });
    const context = withSteps(
      { action: 'create', kind: 'tracking-plan', naturalKey: 'Checkout', after: { name: 'Checkout' } },
      rule('Order Completed', '$new:1'),
      rule('Cart Viewed', '$new:1'),
      rule('Signed Up', 'tp_signup', { action: 'update', liveId: 'tp_signup|Signed Up', before: { trackingPlanId: 'tp_signup' } }),
      { action: 'create', kind: 'filter', naturalKey: 'late', dependsOn: [3] },
    );
    const result = finishPlan(context);
    expect(stepSummary(result.steps)).toEqual([
      'create tracking-plan Checkout',
      'upsert-batch rule Checkout',
      'create filter late',
      'upsert-batch rule Signup',
    ]);
    const [, checkout, late, signup] = result.steps as [PlannedStep, PlannedStep, PlannedStep, PlannedStep];
    expect(checkout).toMatchObject({ displayName: '2 rules', reason: 'create 2', dependsOn: [1] });
    expect(signup).toMatchObject({ displayName: '1 rules', reason: 'update 1', dependsOn: [] });
    expect(checkout.items!.map((i) => [i.naturalKey, i.after, i.pending])).toEqual([
      ['Checkout / Order Completed', { trackingPlanId: '$new:1', key: 'Order Completed' }, [{ pointer: '/trackingPlanId', step: 1 }]],
      ['Checkout / Cart Viewed', { trackingPlanId: '$new:1', key: 'Cart Viewed' }, [{ pointer: '/trackingPlanId', step: 1 }]],
    ]);
    expect(late.dependsOn).toEqual([2]);
    expect(result.totals).toEqual({ create: 2, update: 0, delete: 0, invite: 0, 'upsert-batch': 2, 'delete-batch': 0, unchanged: 0 });
  });

  it('puts steps that wait for each other last, with a cycle gap naming them', () => {
    const context = withSteps(
      { action: 'create', kind: 'source', naturalKey: 'a', dependsOn: [2] },
      { action: 'create', kind: 'source', naturalKey: 'b', dependsOn: [1] },
      { action: 'create', kind: 'source', naturalKey: 'c' },
    );
    const result = finishPlan(context);
    expect(stepSummary(result.steps)).toEqual(['create source c', 'create source a', 'create source b']);
    expect(result.steps.map((s) => s.dependsOn)).toEqual([[], [3], [2]]);
    expect(result.gaps).toEqual([
      { type: 'cycle', kind: '*', message: "These steps wait for each other and cannot be ordered: create source 'a'; create source 'b'" },
    ]);
  });

  it('counts the steps by action, and the resources left unchanged', () => {
    const context = withSteps(
      { action: 'create', kind: 'source', naturalKey: 'a' },
      { action: 'invite', kind: 'user', naturalKey: 'ann@example.com' },
      { action: 'update', kind: 'source', naturalKey: 'b' },
      { action: 'delete', kind: 'source', naturalKey: 'c' },
      { action: 'delete', kind: 'rule', naturalKey: 'Signup / Signed Up', before: { trackingPlanId: 'tp_signup' } },
    );
    context.unchanged = 7;
    context.pulledIn.push({ kind: 'source', naturalKey: 'a', neededBy: 'x' });
    context.kept.push({ kind: 'source', naturalKey: 'k', id: 'src_k' });
    const result = finishPlan(context);
    expect(result.totals).toEqual({ create: 1, update: 1, delete: 1, invite: 1, 'upsert-batch': 0, 'delete-batch': 1, unchanged: 7 });
    expect(result.pulledIn).toEqual([{ kind: 'source', naturalKey: 'a', neededBy: 'x' }]);
    expect(result.kept).toEqual([{ kind: 'source', naturalKey: 'k', id: 'src_k' }]);
    expect(result.gaps).toEqual([]);
  });
});
