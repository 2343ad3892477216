import { INestApplication } from '@nestjs/common';
import { expectError } from '../support/api-helpers';
import { registerWorkspace } from '../support/snapshot-helpers';
import { TestContext } from '../support/test-context';

/** Issue 12: change rules per workspace, CRUD under /notifications/rules, params checked by type. */
describe('e2e: /notifications/rules', () => {
  let ctx: TestContext;
  let app: INestApplication;
  let alpha: string;
  let beta: string;

  beforeAll(async () => {
    ctx = await TestContext.create('e2e-notification-rules');
    app = await ctx.startApi();
    alpha = (await registerWorkspace(ctx, app, 'alpha')).id;
    beta = (await registerWorkspace(ctx, app, 'beta', 'sim_production')).id;
  });
  afterAll(() => ctx.close());

  const create = (body: Record<string, unknown>, key?: string) => ctx.http(app, key).post('/notifications/rules').send(body);

  it('creates, reads, lists, updates and deletes a rule of each type', async () => {
    const destinations = await create({
      workspaceId: alpha,
      name: 'destinations going',
      type: 'deleted-or-disabled',
      params: { kind: 'destination', threshold: 2 },
    });
    expect(destinations.status).toBe(201);
    expect(destinations.body).toMatchObject({
      workspaceId: alpha,
      type: 'deleted-or-disabled',
      params: { kind: 'destination', threshold: 2 },
      enabled: true,
    });
    const lost = await create({ workspaceId: alpha, name: 'plans shrinking', type: 'rules-lost', params: { percent: 20 } });
    // the kind a rules-lost rule counts defaults to a tracking plan's rules
    expect(lost.body.params).toEqual({ kind: 'tracking-plan-rule', percent: 20 });
    const label = await create({
      workspaceId: beta,
      name: 'prod',
      type: 'label-changed',
      params: { label: 'environment:prod' },
      enabled: false,
    });
    expect(label.body).toMatchObject({ params: { label: 'environment:prod' }, enabled: false });

    expect((await ctx.http(app).get(`/notifications/rules/${lost.body.id}`)).body).toEqual(lost.body);
    const all = await ctx.http(app).get('/notifications/rules');
    expect(all.body.items.map((r: { name: string }) => r.name).sort()).toEqual(['destinations going', 'plans shrinking', 'prod']);
    const ofAlpha = await ctx.http(app).get(`/notifications/rules?workspaceId=${alpha}&limit=1`);
    expect(ofAlpha.body.items).toHaveLength(1);
    const next = await ctx.http(app).get(`/notifications/rules?workspaceId=${alpha}&limit=1&cursor=${ofAlpha.body.nextCursor}`);
    expect([...ofAlpha.body.items, ...next.body.items].map((r: { workspaceId: string }) => r.workspaceId)).toEqual([alpha, alpha]);

    const patched = await ctx
      .http(app)
      .patch(`/notifications/rules/${destinations.body.id}`)
      .send({ enabled: false, params: { kind: 'source', threshold: 0 } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ enabled: false, params: { kind: 'source', threshold: 0 }, name: 'destinations going' });
    const retyped = await ctx
      .http(app)
      .patch(`/notifications/rules/${destinations.body.id}`)
      .send({ type: 'label-changed', params: { label: 'team' } });
    expect(retyped.body).toMatchObject({ type: 'label-changed', params: { label: 'team' } });

    expect((await ctx.http(app).delete(`/notifications/rules/${label.body.id}`)).status).toBe(204);
    expectError(await ctx.http(app).get(`/notifications/rules/${label.body.id}`), 404);
    expectError(await ctx.http(app).delete(`/notifications/rules/${label.body.id}`), 404);
  });

  it.each([
    ['a missing threshold', { type: 'deleted-or-disabled', params: { kind: 'destination' } }, 'params.threshold'],
    ['a missing kind', { type: 'deleted-or-disabled', params: { threshold: 1 } }, 'params.kind'],
    ['an unknown kind', { type: 'deleted-or-disabled', params: { kind: 'planet', threshold: 1 } }, 'params.kind'],
    ['a negative threshold', { type: 'deleted-or-disabled', params: { kind: 'destination', threshold: -1 } }, 'params.threshold'],
    ['a fractional threshold', { type: 'deleted-or-disabled', params: { kind: 'destination', threshold: 1.5 } }, 'params.threshold'],
    ['a param of another type', { type: 'deleted-or-disabled', params: { kind: 'destination', threshold: 1, label: 'x' } }, 'params.label'],
    ['a missing percent', { type: 'rules-lost', params: {} }, 'params.percent'],
    ['a percent of 100', { type: 'rules-lost', params: { percent: 100 } }, 'params.percent'],
    ['a percent as text', { type: 'rules-lost', params: { percent: '20' } }, 'params.percent'],
    ['a kind without a parent', { type: 'rules-lost', params: { percent: 20, kind: 'destination' } }, 'params.kind'],
    ['a missing label', { type: 'label-changed', params: {} }, 'params.label'],
    ['a label with spaces', { type: 'label-changed', params: { label: 'env: prod' } }, 'params.label'],
    ['an unknown param', { type: 'label-changed', params: { label: 'env', colour: 'red' } }, 'params.colour'],
    ['an unknown type', { type: 'sometimes', params: {} }, 'type'],
    ['no params', { type: 'label-changed' }, 'params'],
    ['params as a list', { type: 'label-changed', params: ['env'] }, 'params'],
  ])('refuses %s with a 400 naming the field, writing nothing', async (_what, body, field) => {
    const before = await ctx.prisma.notificationRule.count();
    expectError(await create({ workspaceId: alpha, name: 'bad', ...body }), 400, field);
    expect(await ctx.prisma.notificationRule.count()).toBe(before);
  });

  it('refuses a workspace that does not exist or is not an id, and a rule id that is not one', async () => {
    expectError(
      await create({ workspaceId: '00000000-0000-4000-8000-000000000000', name: 'x', type: 'label-changed', params: { label: 'a' } }),
      400,
      'workspaceId',
    );
    expectError(await create({ workspaceId: 'alpha', name: 'x', type: 'label-changed', params: { label: 'a' } }), 400, 'workspaceId');
    expectError(await ctx.http(app).get('/notifications/rules/not-a-uuid'), 400, 'ruleId');
  });

  it('refuses a type change without its params, and keeps the rule as it was', async () => {
    const rule = (await create({ workspaceId: alpha, name: 'keep', type: 'label-changed', params: { label: 'a' } })).body;
    expectError(await ctx.http(app).patch(`/notifications/rules/${rule.id}`).send({ type: 'rules-lost' }), 400, 'params');
    expectError(
      await ctx
        .http(app)
        .patch(`/notifications/rules/${rule.id}`)
        .send({ params: { threshold: 3 } }),
      400,
      'params.threshold',
    );
    expect((await ctx.http(app).get(`/notifications/rules/${rule.id}`)).body).toEqual(rule);
  });

  it('needs the operator role to write; a viewer reads', async () => {
    const viewer = (await ctx.http(app).post('/api-keys').send({ name: 'rules-viewer', role: 'viewer' })).body.key;
    expectError(await create({ workspaceId: alpha, name: 'x', type: 'label-changed', params: { label: 'a' } }, viewer), 403);
    const rule = (await create({ workspaceId: alpha, name: 'viewed', type: 'label-changed', params: { label: 'a' } })).body;
    expect((await ctx.http(app, viewer).get(`/notifications/rules/${rule.id}`)).status).toBe(200);
    expectError(await ctx.http(app, viewer).patch(`/notifications/rules/${rule.id}`).send({ enabled: false }), 403);
    expectError(await ctx.http(app, viewer).delete(`/notifications/rules/${rule.id}`), 403);
  });

  it('shows a key scoped to one workspace only the rules of that workspace, and lets it touch no other', async () => {
    const scoped = (
      await ctx
        .http(app)
        .post('/api-keys')
        .send({ name: 'alpha-rules', role: 'operator', workspaces: [alpha] })
    ).body.key;
    const other = (await create({ workspaceId: beta, name: 'beta only', type: 'label-changed', params: { label: 'b' } })).body;
    const mine = await create({ workspaceId: alpha, name: 'alpha scoped', type: 'label-changed', params: { label: 'a' } }, scoped);
    expect(mine.status).toBe(201);
    expectError(await create({ workspaceId: beta, name: 'x', type: 'label-changed', params: { label: 'a' } }, scoped), 403);
    const listed = (await ctx.http(app, scoped).get('/notifications/rules?limit=1000')).body.items as Array<{ workspaceId: string }>;
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((r) => r.workspaceId === alpha)).toBe(true);
    expectError(await ctx.http(app, scoped).get(`/notifications/rules/${other.id}`), 403);
    expectError(await ctx.http(app, scoped).patch(`/notifications/rules/${other.id}`).send({ enabled: false }), 403);
    expectError(await ctx.http(app, scoped).delete(`/notifications/rules/${other.id}`), 403);
    expect((await ctx.http(app).get(`/notifications/rules/${other.id}`)).body.enabled).toBe(true);
  });

  it('documents every route with a summary, and each answer with a schema', async () => {
    const doc = (await ctx.http(app).get('/docs-json')).body as {
      paths: Record<string, Record<string, { summary?: string; responses: Record<string, { content?: unknown }> }>>;
    };
    const ops = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/notifications/rules'))
      .flatMap(([, methods]) => Object.values(methods));
    expect(ops).toHaveLength(5);
    for (const op of ops) expect(op.summary).toEqual(expect.any(String));
    const answers = ops.flatMap((op) => Object.entries(op.responses));
    const success = answers.filter(([status]) => status.startsWith('2') && status !== '204');
    expect(success).toHaveLength(4);
    for (const [, response] of success) expect(response.content).toBeDefined();
    const errors = answers.filter(([status]) => !status.startsWith('2'));
    expect(new Set(errors.map(([status]) => status))).toEqual(new Set(['400', '401', '403', '404']));
    for (const [, response] of errors) expect(JSON.stringify(response.content)).toContain('#/components/schemas/ErrorBodyResponse');
  });
});
