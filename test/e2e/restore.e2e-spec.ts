import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { expectError } from '../support/api-helpers';
import { applyPlan, planIn, planRestore, segmentApi, expectOnlyHumanTasksLeft, destinationStandingAlone } from '../support/plan-helpers';
import { registerWorkspace, snapshotNow } from '../support/snapshot-helpers';
import { sleep, TestContext } from '../support/test-context';

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
    const env = { SEGMENT_TIME_SCALE: '100' };
    worker = await ctx.startWorker(env);
    api = await ctx.startApi(env);
    http = ctx.http(api);
    workspaceId = (await registerWorkspace(ctx, worker)).id;
    segment = segmentApi(ctx);
  });
  afterAll(() => ctx.close());

  it('(1) brings back a deleted destination with its filters and subscriptions, ids remapped', async () => {
    const destination = sim()
      .destinations.values()
      .find(
        (d) =>
          (sim().filters.get(d.id)?.size ?? 0) > 0 &&
          (sim().subscriptions.get(d.id)?.size ?? 0) > 0 &&
          !sim()
            .insertFunctionInstances.values()
            .some((i) => i.integrationId === d.id),
      )!;
    expect(destination).toBeDefined();
    const filters = sim()
      .filters.get(destination.id)!
      .values()
      .map((f) => ({ ...f }));
    const subscriptions = sim()
      .subscriptions.get(destination.id)!
      .values()
      .map((s) => ({ ...s }));
    const { snapshot } = await snapshotNow(worker, workspaceId);
    await segment('DELETE', `/destinations/${destination.id}`);

    const plan = await planRestore(http, workspaceId, { to: String(snapshot.version) });
    expect(plan.status).toBe('ready');
    const creates = plan.steps.filter((s: any) => s.action === 'create');
    expect(creates.map((s: any) => s.kind).sort()).toEqual(
      ['destination', ...filters.map(() => 'destination-filter'), ...subscriptions.map(() => 'destination-subscription')].sort(),
    );
    expect(plan.steps.filter((s: any) => s.action !== 'create')).toEqual([]);
    const destinationStep = creates.find((s: any) => s.kind === 'destination');
    for (const child of creates.filter((s: any) => s.kind !== 'destination')) {
      expect(child.dependsOn).toEqual([destinationStep.position]);
      expect(child.after.destinationId).toBe(`$new:${destinationStep.position}`);
    }

    const done = await applyPlan(http, plan.id);
    expect(done.report).toMatchObject({ verified: true, differences: [], failed: [] });
    expectOnlyHumanTasksLeft(done);
    // progress went through every phase of the apply, each with the time it began
    expect(done.progress).toMatchObject({ phase: 'verification', total: plan.steps.length, done: plan.steps.length, failed: 0 });
    const phases = done.progress.phases as Array<{ phase: string; startedAt: string }>;
    expect(phases.map((p) => p.phase)).toEqual(['pre-apply-snapshot', 'steps', 'verification']);
    const began = phases.map((p) => Date.parse(p.startedAt));
    expect(began).toEqual([...began].sort((a, b) => a - b));
    expect(began[0]).toBeGreaterThanOrEqual(Date.parse(done.applyStartedAt ?? done.createdAt) - 1000);
    const restored = sim()
      .destinations.values()
      .find((d) => d.name === destination.name && d.sourceId === destination.sourceId)!;
    expect(restored).toBeDefined();
    expect(restored.id).not.toBe(destination.id);
    expect(restored.enabled).toBe(destination.enabled);
    expect(
      sim()
        .filters.get(restored.id)!
        .values()
        .map((f) => [f.title, f.if, f.sourceId, f.destinationId])
        .sort(),
    ).toEqual(filters.map((f) => [f.title, f.if, f.sourceId, restored.id]).sort());
    expect(
      sim()
        .subscriptions.get(restored.id)!
        .values()
        .map((s) => [s.name, s.actionId, s.trigger, s.destinationId])
        .sort(),
    ).toEqual(subscriptions.map((s) => [s.name, s.actionId, s.trigger, restored.id]).sort());
  });

  it('(2) brings back a deleted source with its destinations and its tracking-plan connection', async () => {
    const ws = sim();
    const source = ws.sources.values().find((src) => {
      const destinations = ws.destinations.values().filter((d) => d.sourceId === src.id);
      const clean = destinations.every((d) => !ws.insertFunctionInstances.values().some((i) => i.integrationId === d.id));
      const others =
        ws.transformations.values().some((t) => t.sourceId === src.id) ||
        ws.reverseEtlModels.values().some((m) => m.sourceId === src.id) ||
        ws.insertFunctionInstances.values().some((i) => i.integrationId === src.id);
      return destinations.length >= 2 && clean && !others && ws.trackingPlanOfSource(src.id);
    })!;
    expect(source).toBeDefined();
    const planId = ws.trackingPlanOfSource(source.id)!;
    const destinations = ws.destinations
      .values()
      .filter((d) => d.sourceId === source.id)
      .map((d) => ({ ...d }));
    const { snapshot } = await snapshotNow(worker, workspaceId);
    for (const d of destinations) await segment('DELETE', `/destinations/${d.id}`);
    await segment('DELETE', `/sources/${source.id}`);
    expect(ws.sources.has(source.id)).toBe(false);

    const plan = await planRestore(http, workspaceId, { to: String(snapshot.version) });
    const sourceStep = plan.steps.find((s: any) => s.kind === 'source' && s.action === 'create');
    expect(sourceStep.after).toMatchObject({ slug: source.slug, name: source.name });
    const connection = plan.steps.find((s: any) => s.kind === 'tracking-plan-connection');
    expect(connection).toMatchObject({ action: 'create', after: { trackingPlanId: planId, sourceId: `$new:${sourceStep.position}` } });
    expect(plan.steps.filter((s: any) => s.kind === 'destination' && s.action === 'create')).toHaveLength(destinations.length);
    for (const step of plan.steps.filter((s: any) => s.kind === 'destination')) expect(step.dependsOn).toContain(sourceStep.position);

    const done = await applyPlan(http, plan.id);
    expectOnlyHumanTasksLeft(done);
    const restored = ws.sources.values().find((s) => s.slug === source.slug)!;
    expect(restored).toMatchObject({ name: source.name, enabled: source.enabled, metadataId: source.metadataId });
    expect(restored.labels.map((l) => `${l.key}:${l.value}`).sort()).toEqual(source.labels.map((l) => `${l.key}:${l.value}`).sort());
    expect(ws.trackingPlanOfSource(restored.id)).toBe(planId);
    const back = ws.destinations.values().filter((d) => d.sourceId === restored.id);
    expect(back.map((d) => [d.name, d.metadataId, d.enabled]).sort()).toEqual(
      destinations.map((d) => [d.name, d.metadataId, d.enabled]).sort(),
    );
  });

  it('(2b) restoring only a destination brings back its deleted source too, and says so', async () => {
    const ws = sim();
    const javascript = ctx.sim.state.catalog.sources.find((c) => c.slug === 'javascript')!;
    const webhooks = ctx.sim.state.catalog.destinations.find((d) => d.slug === 'webhooks') ?? ctx.sim.state.catalog.destinations[0]!;
    const source = (await segment('POST', '/sources', { slug: 'pulled-in', enabled: true, metadataId: javascript.id })).source as {
      id: string;
      slug: string;
    };
    const destination = (
      await segment('POST', '/destinations', {
        sourceId: source.id,
        metadataId: webhooks.id,
        settings: {},
        enabled: true,
        name: 'Needs its source',
      })
    ).destination as { id: string; name: string };
    const { snapshot } = await snapshotNow(worker, workspaceId);
    await segment('DELETE', `/destinations/${destination.id}`);
    await segment('DELETE', `/sources/${source.id}`);

    const plan = await planRestore(http, workspaceId, { to: String(snapshot.version), select: { ids: [destination.id] } });
    expect(plan.summary.pulledIn).toEqual(
      expect.arrayContaining([{ kind: 'source', naturalKey: source.slug, neededBy: expect.stringMatching(/^destination /) }]),
    );
    const creates = plan.steps.filter((s: any) => s.action === 'create').map((s: any) => s.kind);
    expect(creates).toEqual(expect.arrayContaining(['source', 'destination']));
    expect(creates.indexOf('source')).toBeLessThan(creates.indexOf('destination'));
    const done = await applyPlan(http, plan.id);
    expect(done.status).toBe('completed');
    const back = ws.sources.values().find((s) => s.slug === source.slug)!;
    expect(
      ws.destinations
        .values()
        .filter((d) => d.sourceId === back.id)
        .map((d) => d.name),
    ).toEqual([destination.name]);
  });

  it('(3) restores a tracking plan of 2,000 rules, in chunks under the 2 MB request cap', async () => {
    const created = await segment('POST', '/tracking-plans', { name: 'Big plan', type: 'LIVE', description: 'two thousand rules' });
    const planId = created.trackingPlan.id as string;
    const padding = 'x'.repeat(2500);
    const rules = Array.from({ length: 2000 }, (_, i) => ({
      type: 'TRACK',
      key: `Event ${i}`,
      version: 1,
      jsonSchema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', description: `${padding} ${i}`, properties: {} },
    }));
    for (let i = 0; i < rules.length; i += 400)
      await segment('PATCH', `/tracking-plans/${planId}/rules`, { rules: rules.slice(i, i + 400) });
    expect(sim().rules.get(planId)!.size).toBe(2000);
    const { snapshot } = await snapshotNow(worker, workspaceId);
    await segment('DELETE', `/tracking-plans/${planId}`);

    const plan = await planRestore(http, workspaceId, {
      to: String(snapshot.version),
      select: { kinds: ['tracking-plan'], names: ['Big plan'] },
    });
    expect(plan.steps.map((s: any) => [s.action, s.kind])).toEqual([
      ['create', 'tracking-plan'],
      ['upsert-batch', 'tracking-plan-rule'],
    ]);
    expect(plan.steps[1].items).toHaveLength(2000);
    expect(plan.steps[1].dependsOn).toEqual([plan.steps[0].position]);

    const done = await applyPlan(http, plan.id);
    expect(done.status).toBe('completed');
    const restored = sim()
      .trackingPlans.values()
      .find((p) => p.name === 'Big plan')!;
    expect(restored.id).not.toBe(planId);
    const back = sim().rules.get(restored.id)!.values();
    expect(back).toHaveLength(2000);
    expect(back.map((r) => [r.key, (r.jsonSchema as any).description]).sort()).toEqual(
      rules.map((r) => [r.key, r.jsonSchema.description]).sort(),
    );
    // ~5.2 MB of rules: the batch went in several requests, each under Segment's 2 MB cap (the simulator answers 413 above it)
    const batch = done.steps.find((s: any) => s.action === 'upsert-batch');
    expect(batch.requests).toBeGreaterThanOrEqual(3);
  });

  it('(4) gives a renamed source its old name back with one update', async () => {
    const source = sim()
      .sources.values()
      .find((s) => s.name && s.name !== s.slug)!;
    const { snapshot } = await snapshotNow(worker, workspaceId);
    await segment('PATCH', `/sources/${source.id}`, { name: 'Renamed by mistake' });
    await snapshotNow(worker, workspaceId);
    const original = (await http.get(`/workspaces/${workspaceId}/resources?at=${snapshot.version}&kind=source&limit=1000`)).body.items.find(
      (r: any) => r.id === source.id,
    ).body.name;

    const plan = await planRestore(http, workspaceId, { to: String(snapshot.version) });
    expect(plan.steps).toHaveLength(1);
    expect(plan.steps[0]).toMatchObject({
      action: 'update',
      kind: 'source',
      liveId: source.id,
      ops: [{ op: 'replace', path: '/name', value: original }],
      before: { name: 'Renamed by mistake' },
      after: { name: original },
    });
    const done = await applyPlan(http, plan.id);
    expect(done.status).toBe('completed');
    expect(sim().sources.get(source.id)!.name).toBe(original);
    // the change is recorded with the restore as its cause
    const events = await ctx.prisma.event.findMany({
      where: { workspaceId, kind: 'source', resourceId: source.id, cause: 'restore', causeId: plan.id },
    });
    expect(events.map((e) => e.type)).toEqual(['ResourceUpdated']);
  });

  it('(5) replaces a resource whose create-only field differs: delete and create, with what hangs off it', async () => {
    const ws = sim();
    const source = ws.sources.values().find((s) => !ws.trackingPlanOfSource(s.id))!;
    const created = await segment('POST', '/tracking-plans', { name: 'Typed plan', type: 'LIVE' });
    const originalId = created.trackingPlan.id as string;
    await segment('PATCH', `/tracking-plans/${originalId}/rules`, {
      rules: [{ type: 'TRACK', key: 'Signed Up', version: 1, jsonSchema: { type: 'object' } }],
    });
    await segment('POST', `/tracking-plans/${originalId}/sources`, { sourceId: source.id });
    const { snapshot } = await snapshotNow(worker, workspaceId);
    // someone deletes it and makes one of the same name, of another (create-only) type
    await segment('DELETE', `/tracking-plans/${originalId}/sources?sourceId=${source.id}`);
    await segment('DELETE', `/tracking-plans/${originalId}`);
    const impostor = (await segment('POST', '/tracking-plans', { name: 'Typed plan', type: 'TEMPLATE' })).trackingPlan.id as string;

    const plan = await planRestore(http, workspaceId, { to: String(snapshot.version), select: { names: ['Typed plan'] } });
    const replaceSteps = plan.steps.filter((s: any) => s.kind === 'tracking-plan');
    expect(replaceSteps.map((s: any) => [s.action, s.replace])).toEqual([
      ['delete', true],
      ['create', true],
    ]);
    expect(replaceSteps[0]).toMatchObject({
      liveId: impostor,
      reason: expect.stringMatching(/^replace: type cannot be changed after create/),
    });
    expect(replaceSteps[1].dependsOn).toContain(replaceSteps[0].position);
    expect(plan.steps.map((s: any) => s.kind)).toEqual(expect.arrayContaining(['tracking-plan-rule', 'tracking-plan-connection']));

    const done = await applyPlan(http, plan.id);
    expect(done.status).toBe('completed');
    expect(ws.trackingPlans.has(impostor)).toBe(false);
    const restored = ws.trackingPlans.values().find((p) => p.name === 'Typed plan')!;
    expect(restored.type).toBe('LIVE');
    expect(
      ws.rules
        .get(restored.id)!
        .values()
        .map((r) => r.key),
    ).toEqual(['Signed Up']);
    expect(ws.trackingPlanOfSource(source.id)).toBe(restored.id);
  });

  it('(6) reports a masked secret as missing, then restores it when supplied — and never stores it', async () => {
    const ws = sim();
    const destination = destinationStandingAlone(ws);
    const { snapshot } = await snapshotNow(worker, workspaceId);
    await segment('DELETE', `/destinations/${destination.id}`);

    const first = await planRestore(http, workspaceId, { to: String(snapshot.version), select: { ids: [destination.id] } });
    expect(first.summary.secretsNeeded).toEqual([
      { kind: 'destination', naturalKey: expect.any(String), fields: expect.arrayContaining(['settings.apiKey']) },
    ]);
    expect(first.steps[0].secretsMissing).toContain('settings.apiKey');
    const withoutSecret = await applyPlan(http, first.id);
    // a destination without its API key is not a finished restore: partial, and the report says what is left, by name
    expect(withoutSecret.status).toBe('partial');
    expect(withoutSecret.report.secretsMissing).toEqual([
      { kind: 'destination', naturalKey: first.steps[0].naturalKey, fields: expect.arrayContaining(['settings.apiKey']) },
    ]);
    expect(withoutSecret.report.left).toEqual([expect.stringMatching(/^destination '.+': secret .*settings\.apiKey.* not supplied$/)]);
    const restored = ws.destinations
      .values()
      .find((d) => d.name === destination.name && d.sourceId === destination.sourceId && d.id !== destination.id)!;
    expect(restored.settings.apiKey).toBeUndefined();

    const secret = 'sk_live_restored_0123456789';
    const second = await planRestore(http, workspaceId, {
      to: String(snapshot.version),
      select: { ids: [destination.id] },
      secrets: [{ kind: 'destination', resource: destination.id, field: 'settings.apiKey', value: secret }],
    });
    expect(second.steps).toHaveLength(1);
    expect(second.steps[0]).toMatchObject({
      action: 'update',
      liveId: restored.id,
      secretsSupplied: ['settings.apiKey'],
      after: { settings: { apiKey: { $secret: 'supplied' } } },
    });
    expect(JSON.stringify(second)).not.toContain(secret);
    const done = await applyPlan(http, second.id);
    expect(done.status).toBe('completed');
    expect(ws.destinations.get(restored.id)!.settings.apiKey).toBe(secret);
    const leaked = await ctx.prisma.$queryRawUnsafe<Array<{ n: number }>>(
      `SELECT (SELECT count(*) FROM plan_step WHERE after::text LIKE $1 OR before::text LIKE $1 OR ops::text LIKE $1)::int + (SELECT count(*) FROM plan WHERE options::text LIKE $1 OR report::text LIKE $1)::int + (SELECT count(*) FROM blob WHERE body::text LIKE $1)::int AS n`,
      `%${secret}%`,
    );
    expect(leaked[0]!.n).toBe(0);
  });

  it('(8) stops with a conflict, applying nothing, when the live workspace changed after planning', async () => {
    const source = sim()
      .sources.values()
      .find((s) => s.name && s.name !== s.slug)!;
    const { snapshot } = await snapshotNow(worker, workspaceId);
    await segment('PATCH', `/sources/${source.id}`, { name: 'First change' });
    const plan = await planRestore(http, workspaceId, { to: String(snapshot.version) });
    expect(plan.steps).toHaveLength(1);
    await segment('PATCH', `/sources/${source.id}`, { name: 'Changed again after planning' });
    const done = await applyPlan(http, plan.id);
    expect(done.status).toBe('conflict');
    expect(done.conflicts).toEqual([expect.objectContaining({ kind: 'source', id: source.id, change: 'changed' })]);
    expect(done.error).toMatch(/changed since the plan was made.*nothing was applied/);
    expect(sim().sources.get(source.id)!.name).toBe('Changed again after planning');
    expect(done.steps.every((s: any) => s.status === 'pending')).toBe(true);
    expectError(await http.post(`/plans/${plan.id}/apply`), 409);
  });

  it('(9) restores to an instant between two snapshots: the earlier one answers', async () => {
    const filterEntry = [...sim().filters].find(([, c]) => c.size > 0)!;
    const filter = filterEntry[1].values()[0]!;
    const original = filter.if;
    const { snapshot: first } = await snapshotNow(worker, workspaceId);
    await sleep(20);
    const between = new Date();
    await sleep(20);
    await segment('PATCH', `/destination/${filterEntry[0]}/filters/${filter.id}`, { if: 'event = "second"' });
    await snapshotNow(worker, workspaceId);
    await segment('PATCH', `/destination/${filterEntry[0]}/filters/${filter.id}`, { if: 'event = "third"' });

    const plan = await planRestore(http, workspaceId, { to: between.toISOString(), select: { kinds: ['destination-filter'] } });
    expect(plan.source).toMatchObject({ version: first.version, requested: between.toISOString() });
    expect(plan.steps).toEqual([
      expect.objectContaining({
        action: 'update',
        kind: 'destination-filter',
        liveId: filter.id,
        after: expect.objectContaining({ if: original }),
      }),
    ]);
    const done = await applyPlan(http, plan.id);
    expect(done.status).toBe('completed');
    expect(filterEntry[1].get(filter.id)!.if).toBe(original);
  });

  it('keeps a dry run to the plan, and refuses bad requests with clear errors', async () => {
    const { snapshot } = await snapshotNow(worker, workspaceId);
    const accepted = await http.post(`/workspaces/${workspaceId}/restores`).send({ to: String(snapshot.version), dryRun: true });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({
      planId: expect.any(String),
      status: 'planning',
      source: { version: snapshot.version, exact: true },
    });
    const dry = await planIn(http, accepted.body.planId, ['ready']);
    expect(dry).toMatchObject({ dryRun: true, steps: [] });
    expectError(await http.post(`/plans/${dry.id}/apply`), 409);

    expectError(await http.post(`/workspaces/${workspaceId}/restores`).send({}), 400, 'to');
    expectError(await http.post(`/workspaces/${workspaceId}/restores`).send({ to: 'yesterday' }), 400, 'to');
    expectError(await http.post(`/workspaces/${workspaceId}/restores`).send({ to: '99999999' }), 404);
    expectError(await http.post(`/workspaces/${workspaceId}/restores`).send({ to: '2001-01-01T00:00:00Z' }), 404);
    expectError(
      await http.post(`/workspaces/${workspaceId}/restores`).send({ to: '1', select: { kinds: ['gizmo'] } }),
      400,
      'select.kinds[0]',
    );
    expectError(await http.post(`/workspaces/${workspaceId}/restores`).send({ to: '1', allowDelete: 'yes' }), 400, 'allowDelete');
    expectError(
      await http
        .post(`/workspaces/${workspaceId}/restores`)
        .send({ to: '1', secrets: [{ kind: 'destination', resource: 'x', field: 'settings.apiKey' }] }),
      400,
      'secrets.0.value',
    );
    expectError(await http.post(`/workspaces/00000000-0000-4000-8000-000000000000/restores`).send({ to: '1' }), 404);
    expectError(await http.get('/plans/00000000-0000-4000-8000-000000000000'), 404);
    expectError(await http.get('/plans/nope'), 400, 'pid');
    expect(await ctx.prisma.plan.count({ where: { targetWorkspaceId: workspaceId, status: 'planning' } })).toBe(0);
  });
});
