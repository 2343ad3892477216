import { INestApplication } from '@nestjs/common';
import { expectError } from '../support/api-helpers';
import { ADMIN_KEY, eventually, TestContext } from '../support/test-context';

const TOKEN = 'sim_staging';

/** Finding 5 of issue 10: an append-only audit log of API actions, readable by admins. */
describe('e2e: the audit log', () => {
  let ctx: TestContext;
  let app: INestApplication;
  let viewerKey: string;
  let operatorKey: string;

  const entry = (requestId: string) =>
    eventually(
      async () => (await ctx.prisma.auditEntry.findFirst({ where: { requestId } })) ?? undefined,
      5000,
      `the audit entry of ${requestId}`,
    );

  beforeAll(async () => {
    ctx = await TestContext.create('e2e-audit-log');
    app = await ctx.startApi();
    viewerKey = (await ctx.http(app).post('/api-keys').send({ name: 'auditor', role: 'viewer' })).body.key;
    operatorKey = (await ctx.http(app).post('/api-keys').send({ name: 'ops', role: 'operator' })).body.key;
  });
  afterAll(() => ctx.close());

  it('records a mutating request: who, what, which workspace, outcome, request id — and never the token', async () => {
    const res = await ctx.http(app).post('/workspaces').send({ name: 'audited', token: TOKEN, baseUrl: ctx.simUrl });
    expect(res.status).toBe(201);
    const requestId = res.headers['x-request-id'];
    expect(requestId).toEqual(expect.any(String));
    const row = await entry(requestId);
    expect(row).toMatchObject({
      actorKeyId: null,
      actorName: 'bootstrap-admin',
      action: 'workspaces.create',
      method: 'POST',
      status: 201,
      outcome: 'ok',
    });
    expect(JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).not.toContain(TOKEN);

    const renamed = await ctx
      .http(app)
      .patch(`/workspaces/${res.body.id}`)
      .set('X-Request-Id', 'client-chosen-1')
      .send({ schedule: '0 4 * * *' });
    expect(renamed.headers['x-request-id']).toBe('client-chosen-1');
    expect(await entry('client-chosen-1')).toMatchObject({
      action: 'workspaces.update',
      workspaceId: res.body.id,
      workspaceName: 'audited',
    });
  });

  it('records refused requests: no key (401) and too small a role (403)', async () => {
    const anonymous = await ctx.http(app, null).post('/workspaces').send({ name: 'x', token: TOKEN, baseUrl: ctx.simUrl });
    expect(anonymous.status).toBe(401);
    expect(await entry(anonymous.headers['x-request-id'])).toMatchObject({
      actorKeyId: null,
      actorName: 'anonymous',
      status: 401,
      outcome: 'refused',
    });

    const viewer = await ctx.http(app, viewerKey).post('/workspaces').send({ name: 'x', token: TOKEN, baseUrl: ctx.simUrl });
    expect(viewer.status).toBe(403);
    expect(await entry(viewer.headers['x-request-id'])).toMatchObject({
      actorName: 'auditor',
      action: 'workspaces.create',
      status: 403,
      outcome: 'refused',
    });
  });

  it('keeps a tombstone of a purge after the workspace and its history are gone (and of a refused one)', async () => {
    const { id } = (await ctx.http(app).post('/workspaces').send({ name: 'doomed', token: TOKEN, baseUrl: ctx.simUrl })).body;
    const refused = await ctx.http(app, operatorKey).delete(`/workspaces/${id}?purge=true&confirm=doomed`);
    expect(await entry(refused.headers['x-request-id'])).toMatchObject({
      action: 'workspaces.purge',
      outcome: 'refused',
      actorName: 'ops',
    });
    const purged = await ctx.http(app).delete(`/workspaces/${id}?purge=true&confirm=doomed`);
    expect(purged.status).toBe(204);
    expect(await ctx.prisma.workspace.count({ where: { id } })).toBe(0);
    expect(await entry(purged.headers['x-request-id'])).toMatchObject({
      action: 'workspaces.purge',
      workspaceId: id,
      workspaceName: 'doomed',
      status: 204,
      outcome: 'ok',
    });
  });

  it('does not record reads', async () => {
    const res = await ctx.http(app).get('/workspaces');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await ctx.prisma.auditEntry.count({ where: { requestId: res.headers['x-request-id'] } })).toBe(0);
  });

  it('is append-only: the database refuses to change or remove an entry', async () => {
    await expect(ctx.prisma.$executeRawUnsafe(`UPDATE audit_log SET outcome = 'ok'`)).rejects.toThrow(/append-only/);
    await expect(ctx.prisma.$executeRawUnsafe(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(ctx.prisma.$executeRawUnsafe(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });

  describe('GET /audit-log', () => {
    it('is for admins only (403 for an operator)', async () => {
      expectError(await ctx.http(app, operatorKey).get('/audit-log'), 403);
    });

    it('pages newest first with a cursor, and filters by workspace (purged too), action and since', async () => {
      const first = await ctx.http(app).get('/audit-log?limit=2');
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(2);
      expect(Number(first.body.items[0].id)).toBeGreaterThan(Number(first.body.items[1].id));
      const second = await ctx.http(app).get(`/audit-log?limit=2&cursor=${first.body.nextCursor}`);
      expect(Number(second.body.items[0].id)).toBeLessThan(Number(first.body.items[1].id));

      const purges = await ctx.http(app).get('/audit-log?action=workspaces.purge');
      expect(purges.body.items.map((e: { outcome: string }) => e.outcome).sort()).toEqual(['ok', 'refused']);
      const doomed = await ctx.http(app).get('/audit-log?workspace=doomed');
      expect(doomed.body.items.length).toBeGreaterThanOrEqual(2);
      expect(doomed.body.items.every((e: { workspaceName: string }) => e.workspaceName === 'doomed')).toBe(true);
      const future = await ctx.http(app).get(`/audit-log?since=${new Date(Date.now() + 60_000).toISOString()}`);
      expect(future.body).toEqual({ items: [], nextCursor: null });
      expect((await ctx.http(app).get('/audit-log?limit=1000')).text).not.toContain(TOKEN);
      expect((await ctx.http(app).get('/audit-log?limit=1000')).text).not.toContain(ADMIN_KEY);
    });

    it.each([
      ['a since that is not an instant', 'since=yesterday', 'since'],
      ['a forged cursor', 'cursor=eyJuIjoiLTEifQ', 'cursor'],
      ['an unknown filter', 'actor=me', 'actor'],
    ])('refuses %s (400 naming it)', async (_what, query, field) => {
      expectError(await ctx.http(app).get(`/audit-log?${query}`), 400, field);
    });
  });
});
