import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { applyPlan, planRestore, segmentApi } from '../support/plan-helpers';
import { registerWorkspace, snapshotNow } from '../support/snapshot-helpers';
import { TestContext } from '../support/test-context';

describe('e2e: point-in-time restore against the simulator', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let api: INestApplication;
  let http: ReturnType<TestContext['http']>;
  let workspaceId: string;
  const sim = () => ctx.sim.state.workspaces.get('staging')!;
  let segment: ReturnType<typeof segmentApi>;

  beforeAll(async () => {
    ctx = await TestContext.create('restore', { workspaces: [{ slug: 'staging', token: 'sim_staging', size: 300, env: 'staging' }] });
    const env = { SEGMENT_TIME_SCALE: '0.01' };
    worker = await ctx.startWorker(env);
    api = await ctx.startApi(env);
    http = ctx.http(api);
    workspaceId = (await registerWorkspace(ctx, worker)).id;
    segment = segmentApi(ctx);
  });
  afterAll(() => ctx.close());

  it('(1) brings back a deleted destination with its filters and subscriptions, ids remapped', async () => {
    const destination = sim().destinations.values().find((d) => (sim().filters.get(d.id)?.size ?? 0) > 0 && (sim().subscriptions.get(d.id)?.size ?? 0) > 0 && !sim().insertFunctionInstances.values().some((i) => i.integrationId === d.id))!;
    expect(destination).toBeDefined();
    const filters = sim().filters.get(destination.id)!.values().map((f) => ({ ...f }));
    const subscriptions = sim().subscriptions.get(destination.id)!.values().map((s) => ({ ...s }));
    const { snapshot } = await snapshotNow(worker, workspaceId);
    await segment('DELETE', `/destinations/${destination.id}`);

    const plan = await planRestore(http, workspaceId, { to: String(snapshot.version) });
    expect(plan.status).toBe('ready');
    const creates = plan.steps.filter((s: any) => s.action === 'create');
    expect(creates.map((s: any) => s.kind).sort()).toEqual(['destination', ...filters.map(() => 'destination-filter'), ...subscriptions.map(() => 'destination-subscription')].sort());
    expect(plan.steps.filter((s: any) => s.action !== 'create')).toEqual([]);
    const destinationStep = creates.find((s: any) => s.kind === 'destination');
    for (const child of creates.filter((s: any) => s.kind !== 'destination')) {
      expect(child.dependsOn).toEqual([destinationStep.position]);
      expect(child.after.destinationId).toBe(`$new:${destinationStep.position}`);
    }

    const done = await applyPlan(http, plan.id);
    expect(done.report).toMatchObject({ verified: true, differences: [], failed: [] });
    expect(done.status).toBe('completed');
    const restored = sim().destinations.values().find((d) => d.name === destination.name && d.sourceId === destination.sourceId)!;
    expect(restored).toBeDefined();
    expect(restored.id).not.toBe(destination.id);
    expect(restored.enabled).toBe(destination.enabled);
    expect(sim().filters.get(restored.id)!.values().map((f) => [f.title, f.if, f.sourceId, f.destinationId]).sort()).toEqual(filters.map((f) => [f.title, f.if, f.sourceId, restored.id]).sort());
    expect(sim().subscriptions.get(restored.id)!.values().map((s) => [s.name, s.actionId, s.trigger, s.destinationId]).sort()).toEqual(subscriptions.map((s) => [s.name, s.actionId, s.trigger, restored.id]).sort());
  });
});
