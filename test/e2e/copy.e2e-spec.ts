import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { expectError } from '../support/api-helpers';
import { applyPlan, planIn, segmentApi, expectOnlyHumanTasksLeft } from '../support/plan-helpers';
import { registerWorkspace, snapshotNow } from '../support/snapshot-helpers';
import { TestContext } from '../support/test-context';

/**
 * Copying configuration between workspaces on the restore engine: clone staging into an empty
 * workspace, then promote changes again; matched by natural key and by the mapping the first
 * copy recorded, references rewritten to the target's ids.
 */
describe('e2e: copying configuration between workspaces', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let api: INestApplication;
  let http: ReturnType<TestContext['http']>;
  let stagingId: string;
  let targetId: string;
  const staging = () => ctx.sim.state.workspaces.get('staging')!;
  const target = () => ctx.sim.state.workspaces.get('target')!;
  let segment: ReturnType<typeof segmentApi>;
  /** Settings Segment computes itself: sent, ignored, not comparable (the simulator's catalog knows them, the API does not say). */
  const computed = (metadataId: string) => [...(ctx.sim.state.catalog.destinationsById.get(metadataId)?.settings.readOnly ?? [])];

  async function planCopy(body: Record<string, unknown>) {
    const response = await http.post('/copies').send(body);
    if (response.status !== 202) throw new Error(`copy → ${response.status} ${JSON.stringify(response.body)}`);
    return planIn(http, response.body.planId, ['ready', 'failed']);
  }

  beforeAll(async () => {
    ctx = await TestContext.create('copy', {
      workspaces: [
        { slug: 'staging', token: 'sim_staging', size: 300, env: 'staging' },
        { slug: 'target', token: 'sim_target', size: 0 },
      ],
    });
    const env = { SEGMENT_TIME_SCALE: '100' };
    worker = await ctx.startWorker(env);
    api = await ctx.startApi(env);
    http = ctx.http(api);
    stagingId = (await registerWorkspace(ctx, worker, 'staging', 'sim_staging')).id;
    targetId = (await registerWorkspace(ctx, worker, 'production', 'sim_target')).id;
    segment = segmentApi(ctx);
  });
  afterAll(() => ctx.close());

  it('(1) clones staging into an empty workspace: a cross-workspace diff then shows only the reported gaps', async () => {
    const { snapshot } = await snapshotNow(worker, stagingId);
    const plan = await planCopy({ from: { workspace: 'staging', at: String(snapshot.version) }, to: 'production' });
    expect(plan.status).toBe('ready');
    expect(plan.type).toBe('copy');
    expect(plan.stepCounts.pending).toBeGreaterThan(200);
    const gapTypes = new Set(plan.summary.gaps.map((g: any) => g.type));
    expect([...gapTypes].sort()).toEqual(['invite', 'secret']);
    const invited = plan.summary.invites.map((g: any) => g.naturalKey).sort();
    expect(invited).toEqual(
      staging()
        .users.values()
        .map((u) => u.email.toLowerCase())
        .sort(),
    );

    const done = await applyPlan(http, plan.id, 180_000);
    expect(done.report.failed).toEqual([]);
    expect(done.report.differences.filter((d: any) => d.kind !== 'destination')).toEqual([]);
    // secrets Segment never shows are left for a person: the copy is partial and names each one
    expect(done.status).toBe('partial');
    expect(done.report.secretsMissing.length).toBeGreaterThan(0);
    for (const gap of done.report.secretsMissing)
      expect(done.report.left).toContainEqual(expect.stringContaining(`${gap.kind} '${gap.naturalKey}': secret ${gap.fields.join(', ')}`));

    const targetSnapshot = await snapshotNow(worker, targetId);
    const diff = await http.get(
      `/diff?left=${stagingId}@${snapshot.version}&right=${targetId}@${targetSnapshot.snapshot.version}&limit=1000`,
    );
    expect(diff.status).toBe(200);
    const unexplained = diff.body.items.filter((e: any) => {
      // people are invited, they must accept: staging's users are the target's invitations
      if (e.kind === 'user' && e.status === 'onlyLeft') return !invited.includes(e.naturalKey);
      if (e.kind === 'invite' && e.status === 'onlyRight') return !invited.includes(e.naturalKey);
      // a group's members who are only invited in the target are its pending invitations there
      if (e.kind === 'user-group' && e.status === 'changed') return !e.ops.every((op: any) => /^\/(members|invites)\//.test(op.path));
      // a destination differs only in settings Segment computes itself
      if (e.kind === 'destination' && e.status === 'changed') {
        const metadataId = staging().destinations.get(e.leftIds[0])!.metadataId;
        return !e.ops.every((op: any) => computed(metadataId).some((key) => op.path === `/settings/${key}`));
      }
      return true;
    });
    expect(unexplained).toEqual([]);
    // every count but users/invites matches, ids all differ
    expect(target().sources.size).toBe(staging().sources.size);
    expect(target().destinations.size).toBe(staging().destinations.size);
    expect(
      target()
        .sources.values()
        .some((s) => staging().sources.has(s.id)),
    ).toBe(false);
    // references point at the target's own resources
    for (const d of target().destinations.values()) expect(target().sources.has(d.sourceId)).toBe(true);
    for (const [destinationId, filters] of target().filters)
      for (const f of filters.values()) expect([f.destinationId, target().sources.has(f.sourceId)]).toEqual([destinationId, true]);
  });

  it('(2) applies only what changed in staging since, matching a renamed source through the mapping; nothing is duplicated', async () => {
    const ws = staging();
    const source = ws.sources.values().find((s) => ws.destinations.values().some((d) => d.sourceId === s.id))!;
    const [filterDestination, filters] = [...ws.filters].find(([, c]) => c.size > 0)!;
    const filter = filters.values()[0]!;
    const [subscriptionDestination, subscriptions] = [...ws.subscriptions].find(([, c]) => c.size > 0)!;
    const subscription = subscriptions.values()[0]!;
    const webhooks = ctx.sim.state.catalog.destinations.find((d) => d.slug === 'webhooks') ?? ctx.sim.state.catalog.destinations[0]!;
    const slug = source.slug;
    await segment('PATCH', `/sources/${source.id}`, { slug: `${slug}-renamed`, name: 'Renamed in staging' });
    await segment('PATCH', `/destination/${filterDestination}/filters/${filter.id}`, { if: 'event = "edited in staging"' });
    await segment('POST', '/destinations', {
      sourceId: source.id,
      metadataId: webhooks.id,
      settings: {},
      enabled: false,
      name: 'Added in staging',
    });
    await segment('DELETE', `/destinations/${subscriptionDestination}/subscriptions/${subscription.id}`);
    const counts = () => ({ sources: target().sources.size, destinations: target().destinations.size });
    const before = counts();

    const plan = await planCopy({ from: { workspace: stagingId }, to: targetId, allowDelete: true });
    const summary = plan.steps.map((s: any) => `${s.action} ${s.kind}`).sort();
    expect(summary).toEqual(['create destination', 'delete destination-subscription', 'update destination-filter', 'update source'].sort());
    const sourceStep = plan.steps.find((s: any) => s.kind === 'source');
    expect(sourceStep.ops.map((o: any) => o.path).sort()).toEqual(['/name', '/slug']);
    const createStep = plan.steps.find((s: any) => s.action === 'create');
    expect(createStep.after.sourceId).toBe(sourceStep.liveId);
    expect(target().sources.has(sourceStep.liveId)).toBe(true);

    const done = await applyPlan(http, plan.id);
    expectOnlyHumanTasksLeft(done);
    expect(counts()).toEqual({ sources: before.sources, destinations: before.destinations + 1 });
    const renamed = target().sources.get(sourceStep.liveId)!;
    expect(renamed).toMatchObject({ slug: `${slug}-renamed`, name: 'Renamed in staging' });
    expect(
      target()
        .destinations.values()
        .filter((d) => d.name === 'Added in staging'),
    ).toHaveLength(1);
    // and a copy right after finds nothing to do
    const again = await planCopy({ from: { workspace: stagingId }, to: targetId, allowDelete: true });
    expect(again.steps).toEqual([]);
  });

  it('(3) lands substitutions in the target (shown before/after in the plan)', async () => {
    const plan = await planCopy({
      from: { workspace: stagingId },
      to: targetId,
      substitutions: [{ match: 'staging', replace: 'production', kinds: ['destination', 'source'] }],
      include: { kinds: ['destination', 'source'] },
    });
    const updates = plan.steps.filter((s: any) => s.action === 'update');
    expect(updates.length).toBeGreaterThan(0);
    for (const step of updates) {
      expect(JSON.stringify(step.after.settings ?? {}) + (step.after.name ?? '')).not.toMatch(/staging/);
      expect(JSON.stringify(step.before)).toMatch(/staging/);
    }
    const done = await applyPlan(http, plan.id);
    expect(done.status).toBe('completed');
    const withUrls = target()
      .destinations.values()
      .filter((d) => JSON.stringify(d.settings).includes('production'));
    expect(withUrls.length).toBeGreaterThan(0);
    expect(
      target()
        .destinations.values()
        .some((d) => JSON.stringify(d.settings).includes('staging')),
    ).toBe(false);
    // the same copy with the same substitutions has nothing left to do
    const again = await planCopy({
      from: { workspace: stagingId },
      to: targetId,
      substitutions: [{ match: 'staging', replace: 'production', kinds: ['destination', 'source'] }],
      include: { kinds: ['destination', 'source'] },
    });
    expect(again.steps).toEqual([]);
  });

  it('(4) leaves an excluded kind untouched', async () => {
    const ws = staging();
    const [filterDestination, filters] = [...ws.filters].find(([, c]) => c.size > 1)!;
    const filter = filters.values()[1]!;
    await segment('PATCH', `/destination/${filterDestination}/filters/${filter.id}`, { if: 'event = "excluded change"' });
    await segment('PATCH', `/sources/${ws.sources.values()[0]!.id}`, { enabled: !ws.sources.values()[0]!.enabled });
    const targetFilters = () => [...target().filters.values()].flatMap((c) => c.values().map((f) => f.if)).sort();
    const beforeFilters = targetFilters();
    const plan = await planCopy({
      from: { workspace: stagingId },
      to: targetId,
      exclude: { kinds: ['destination-filter'] },
      substitutions: [{ match: 'staging', replace: 'production', kinds: ['destination', 'source'] }],
    });
    expect(plan.steps.map((s: any) => `${s.action} ${s.kind}`)).toEqual(['update source']);
    await applyPlan(http, plan.id);
    expect(targetFilters()).toEqual(beforeFilters);
    expect(targetFilters()).not.toContain('event = "excluded change"');
  });

  it('(5) sends secrets supplied with the request to the target, and shows them to nobody', async () => {
    const ws = staging();
    const destination = ws.destinations.values().find((d) => typeof d.settings.apiKey === 'string' && d.name)!;
    const snapshotRow = await snapshotNow(worker, stagingId);
    const state = await http.get(`/workspaces/${stagingId}/resources?kind=destination&at=${snapshotRow.snapshot.version}&limit=1000`);
    const naturalKey = state.body.items.find((r: any) => r.id === destination.id).naturalKey;
    const secret = 'copy-secret-0123456789';
    const plan = await planCopy({
      from: { workspace: stagingId },
      to: targetId,
      include: { names: [naturalKey] },
      substitutions: [{ match: 'staging', replace: 'production', kinds: ['destination', 'source'] }],
      secrets: [{ kind: 'destination', resource: naturalKey, field: 'settings.apiKey', value: secret }],
    });
    const step = plan.steps.find((s: any) => s.kind === 'destination');
    expect(step.secretsSupplied).toEqual(['settings.apiKey']);
    expect(JSON.stringify(plan)).not.toContain(secret);
    await applyPlan(http, plan.id);
    const copied = target().destinations.get(step.liveId)!;
    expect(copied.settings.apiKey).toBe(secret);
  });

  it('(6) resumes a copy whose create lost its answer: found by natural key in the target, not made twice', async () => {
    const ws = staging();
    const source = ws.sources.values()[0]!;
    const metadata = ctx.sim.state.catalog.destinations.find((d) => d.slug === 'webhooks') ?? ctx.sim.state.catalog.destinations[0]!;
    await segment('POST', '/destinations', {
      sourceId: source.id,
      metadataId: metadata.id,
      settings: {},
      enabled: true,
      name: 'Lost answer',
    });
    const plan = await planCopy({ from: { workspace: stagingId }, to: targetId, include: { names: ['*Lost answer'] } });
    expect(plan.steps.map((s: any) => `${s.action} ${s.kind}`)).toEqual(['create destination']);
    ctx.sim.faults.add({ kind: 'drop', method: 'POST', path: '^/destinations$', afterHandler: true, remaining: 1 });
    const done = await applyPlan(http, plan.id);
    expect(done.status).toBe('completed');
    expect(
      target()
        .destinations.values()
        .filter((d) => d.name === 'Lost answer'),
    ).toHaveLength(1);
    expect(done.steps[0]).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('refuses bad copy requests clearly', async () => {
    expectError(await http.post('/copies').send({ to: 'production' }), 400, 'from');
    expectError(await http.post('/copies').send({ from: { workspace: 'nowhere' }, to: 'production' }), 400, 'from.workspace');
    expectError(await http.post('/copies').send({ from: { workspace: 'staging' }, to: 'staging' }), 400, 'to');
    expectError(await http.post('/copies').send({ from: { workspace: 'staging', at: 'soon' }, to: 'production' }), 400, 'from.at');
    expectError(
      await http.post('/copies').send({ from: { workspace: 'staging' }, to: 'production', include: { kinds: ['gizmo'] } }),
      400,
      'include.kinds[0]',
    );
    expectError(
      await http.post('/copies').send({ from: { workspace: 'staging' }, to: 'production', substitutions: [{ match: '', replace: 'x' }] }),
      400,
      'substitutions.0.match',
    );
    expectError(
      await http.post('/copies').send({ from: { workspace: 'staging' }, to: 'production', deleteUnmapped: true }),
      400,
      'deleteUnmapped',
    );
  });
});
