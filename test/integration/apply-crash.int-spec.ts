import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { applyPlan, planIn, planRestore, segmentApi, expectOnlyHumanTasksLeft } from '../support/plan-helpers';
import { registerWorkspace, snapshotNow } from '../support/snapshot-helpers';
import { eventually, TestContext } from '../support/test-context';

const WORKER_MAIN = join(__dirname, '..', '..', 'dist', 'apps', 'worker', 'src', 'main.js');

/**
 * Invariant 8: applying is resumable and idempotent. A worker killed between steps is replaced
 * by one that carries on; a create whose answer was lost is found by natural key, never made twice.
 */
describe('applying a plan through crashes and lost answers', () => {
  let ctx: TestContext;
  let api: INestApplication;
  let http: ReturnType<TestContext['http']>;
  let workspaceId: string;
  let child: ChildProcess | undefined;
  const sim = () => ctx.sim.state.workspaces.get('staging')!;
  // subscriptions are written at 5 a minute: at this scale, one every 0.4 s
  const env = { SEGMENT_TIME_SCALE: '30' };

  beforeAll(async () => {
    if (!existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} is missing: run npm run build (npm test does)`);
    ctx = await TestContext.create('apply-crash', { workspaces: [{ slug: 'staging', token: 'sim_staging', size: 300, env: 'staging' }] });
    api = await ctx.startApi(env);
    http = ctx.http(api);
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await ctx.close();
  });

  /** A destination with several subscriptions and filters, deleted after a snapshot. */
  async function deletedDestination(worker: INestApplicationContext, subscriptions: number) {
    const segment = segmentApi(ctx);
    const ws = sim();
    const destination = ws.destinations
      .values()
      .find(
        (d) =>
          (ws.subscriptions.get(d.id)?.size ?? 0) > 0 &&
          !ws.insertFunctionInstances.values().some((i) => i.integrationId === d.id) &&
          !d.name?.includes('(crash'),
      )!;
    const template = ws.subscriptions.get(destination.id)!.values()[0]!;
    for (let i = ws.subscriptions.get(destination.id)!.size; i < subscriptions; i++) {
      await segment('POST', `/destinations/${destination.id}/subscriptions`, {
        name: `Extra mapping ${i}`,
        actionId: template.actionId,
        trigger: 'type = "track"',
        enabled: true,
        settings: {},
      });
    }
    const expected = ws.subscriptions
      .get(destination.id)!
      .values()
      .map((s) => s.name)
      .sort();
    const { snapshot } = await snapshotNow(worker, workspaceId);
    await segment('DELETE', `/destinations/${destination.id}`);
    return { destination, expected, version: snapshot.version! };
  }

  it('resumes in a new worker after the one applying was killed, creating nothing twice', async () => {
    const first = await ctx.startWorker(env);
    workspaceId = (await registerWorkspace(ctx, first)).id;
    const { destination, expected, version } = await deletedDestination(first, 8);
    const plan = await planRestore(http, workspaceId, { to: String(version) });
    expect(plan.status).toBe('ready');
    await ctx.stopApp(first);

    child = spawn(process.execPath, [WORKER_MAIN], { env: { ...process.env, ...ctx.env(env) }, stdio: 'ignore' });
    expect((await http.post(`/plans/${plan.id}/apply`)).status).toBe(202);
    await eventually(
      async () => {
        const steps = await ctx.prisma.planStep.findMany({ where: { planId: plan.id, kind: 'destination-subscription', status: 'done' } });
        return steps.length >= 2;
      },
      60_000,
      'the child worker to be half-way through the subscriptions',
    );
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    const halfway = await ctx.prisma.planStep.findMany({ where: { planId: plan.id } });
    expect(halfway.some((s) => s.status !== 'done')).toBe(true);
    expect((await ctx.prisma.plan.findUniqueOrThrow({ where: { id: plan.id } })).status).toBe('applying');

    await ctx.startWorker(env);
    const done = await planIn(http, plan.id, ['completed', 'partial', 'failed'], 90_000);
    expectOnlyHumanTasksLeft(done);
    const restored = sim()
      .destinations.values()
      .filter((d) => d.name === destination.name && d.sourceId === destination.sourceId);
    expect(restored).toHaveLength(1);
    expect(
      sim()
        .subscriptions.get(restored[0]!.id)!
        .values()
        .map((s) => s.name)
        .sort(),
    ).toEqual(expected);
    const steps = await ctx.prisma.planStep.findMany({ where: { planId: plan.id } });
    expect(steps.every((s) => s.status === 'done')).toBe(true);
    expect(Math.max(...steps.map((s) => s.attempts))).toBeLessThanOrEqual(2);
  }, 180_000);

  it('finds a create whose answer was lost by its natural key, and adopts it instead of creating it again', async () => {
    const worker = await ctx.startWorker(env);
    const { destination, expected, version } = await deletedDestination(worker, 2);
    const plan = await planRestore(http, workspaceId, { to: String(version), select: { ids: [destination.id] } });
    // Segment creates the destination, but the answer never arrives
    ctx.sim.faults.add({ kind: 'drop', method: 'POST', path: '^/destinations$', afterHandler: true, remaining: 1 });
    const done = await applyPlan(http, plan.id);
    expectOnlyHumanTasksLeft(done);
    const restored = sim()
      .destinations.values()
      .filter((d) => d.name === destination.name && d.sourceId === destination.sourceId);
    expect(restored).toHaveLength(1);
    const step = done.steps.find((s: any) => s.kind === 'destination');
    expect(step).toMatchObject({ status: 'done', resultId: restored[0]!.id, attempts: 1 });
    const row = await ctx.prisma.planStep.findUniqueOrThrow({ where: { planId_position: { planId: plan.id, position: step.position } } });
    expect(row.result).toMatchObject({ adopted: true });
    expect(
      sim()
        .subscriptions.get(restored[0]!.id)!
        .values()
        .map((s) => s.name)
        .sort(),
    ).toEqual(expected);
  }, 120_000);
});
