import { INestApplication } from '@nestjs/common';
import { expectError } from '../support/api-helpers';
import { snapshotNow } from '../support/snapshot-helpers';
import { TestContext } from '../support/test-context';

const TOKEN = 'sim_staging';

/** Finding 5 of issue 10: who may do what (purge, scopes, the last admin key). */
describe('e2e: authorization', () => {
  let ctx: TestContext;
  let app: INestApplication;
  let operatorKey: string;

  const createKey = async (body: Record<string, unknown>) =>
    (await ctx.http(app).post('/api-keys').send(body)).body as { id: string; key: string };
  const createWorkspace = async (name: string) =>
    (await ctx.http(app).post('/workspaces').send({ name, token: TOKEN, baseUrl: ctx.simUrl })).body as { id: string; name: string };

  beforeAll(async () => {
    ctx = await TestContext.create('e2e-authorization');
    app = await ctx.startApi();
    operatorKey = (await createKey({ name: 'ops', role: 'operator' })).key;
  });
  afterAll(() => ctx.close());

  describe('purge', () => {
    it('is refused to an operator (403 naming purge); the workspace stays', async () => {
      const workspace = await createWorkspace('keep-me');
      const res = await ctx.http(app, operatorKey).delete(`/workspaces/${workspace.id}?purge=true&confirm=keep-me`);
      expectError(res, 403, 'purge');
      expect(await ctx.prisma.workspace.count({ where: { id: workspace.id } })).toBe(1);
    });

    it('is allowed to an admin; an operator may still archive', async () => {
      const archived = await createWorkspace('archive-me');
      expect((await ctx.http(app, operatorKey).delete(`/workspaces/${archived.id}`)).status).toBe(200);
      const purged = await createWorkspace('purge-me');
      expect((await ctx.http(app).delete(`/workspaces/${purged.id}?purge=true&confirm=purge-me`)).status).toBe(204);
      expect(await ctx.prisma.workspace.count({ where: { id: purged.id } })).toBe(0);
    });
  });

  describe('keys scoped to workspaces', () => {
    let alpha: { id: string; name: string };
    let beta: { id: string; name: string };
    let scoped: string;
    let scopedAdmin: string;
    let betaPlan: string;

    /** 403 naming the workspace outside the scope. */
    const refused = (res: { status: number; body: { message: string; details?: { workspace?: string } } }, ref: string) => {
      expectError(res as never, 403);
      expect(res.body.message).toContain(ref);
      expect(res.body.details?.workspace).toBe(ref);
    };

    beforeAll(async () => {
      alpha = await createWorkspace('alpha');
      beta = await createWorkspace('beta');
      const worker = await ctx.startWorker();
      for (const workspace of [alpha, beta]) expect((await snapshotNow(worker, workspace.id)).outcome).toBe('completed');
      scoped = (await createKey({ name: 'alpha-ops', role: 'operator', workspaces: ['alpha'] })).key;
      scopedAdmin = (await createKey({ name: 'alpha-admin', role: 'admin', workspaces: [alpha.id] })).key;
      betaPlan = (await ctx.http(app).post(`/workspaces/${beta.id}/restores`).send({ to: 'latest', dryRun: true })).body.planId;
      expect(betaPlan).toEqual(expect.any(String));
    });

    it('shows its scope, stored as ids', async () => {
      const keys = (await ctx.http(app).get('/api-keys')).body.items as Array<{ name: string; workspaces: string[] | null }>;
      expect(keys.find((k) => k.name === 'alpha-ops')?.workspaces).toEqual([alpha.id]);
      expect(keys.find((k) => k.name === 'ops')?.workspaces).toBeNull();
    });

    it('refuses a scope naming an unknown workspace (400 naming it)', async () => {
      expectError(
        await ctx
          .http(app)
          .post('/api-keys')
          .send({ name: 'x', role: 'viewer', workspaces: ['alpha', 'nowhere'] }),
        400,
        'workspaces[1]',
      );
    });

    it('lists only its workspaces', async () => {
      const res = await ctx.http(app, scoped).get('/workspaces?includeArchived=true');
      expect(res.body.items.map((w: { name: string }) => w.name)).toEqual(['alpha']);
    });

    it('reads and snapshots its workspace, and nothing of another (403 naming it)', async () => {
      expect((await ctx.http(app, scoped).get(`/workspaces/${alpha.id}`)).status).toBe(200);
      expect((await ctx.http(app, scoped).get(`/workspaces/${alpha.id}/resources`)).status).toBe(200);
      expect((await ctx.http(app, scoped).get(`/workspaces/${alpha.id}/snapshots`)).status).toBe(200);
      for (const path of ['', '/resources', '/snapshots', '/plans', '/diff?from=1', '/resources/destination/x/history']) {
        refused(await ctx.http(app, scoped).get(`/workspaces/${beta.id}${path}`), beta.id);
      }
      refused(await ctx.http(app, scoped).post(`/workspaces/${beta.id}/snapshots`), beta.id);
      refused(await ctx.http(app, scoped).patch(`/workspaces/${beta.id}`).send({ schedule: '0 5 * * *' }), beta.id);
      refused(await ctx.http(app, scoped).delete(`/workspaces/${beta.id}`), beta.id);
      expect((await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: beta.id } })).archivedAt).toBeNull();
    });

    it('exports its workspace only', async () => {
      expect((await ctx.http(app, scoped).get(`/workspaces/${alpha.id}/export`)).status).toBe(200);
      refused(await ctx.http(app, scoped).get(`/workspaces/${beta.id}/export`), beta.id);
    });

    it('diffs between workspaces only when both sides are in scope', async () => {
      expect((await ctx.http(app, scoped).get('/diff?left=alpha&right=alpha@latest')).status).toBe(200);
      refused(await ctx.http(app, scoped).get('/diff?left=alpha&right=beta@latest'), 'beta');
      refused(await ctx.http(app, scoped).get(`/diff?left=${beta.id}@1&right=alpha`), beta.id);
    });

    it('plans only within its scope: restore target, copy source and target, plans of other workspaces', async () => {
      const plans = await ctx.prisma.plan.count();
      refused(await ctx.http(app, scoped).post(`/workspaces/${beta.id}/restores`).send({ to: 'latest', dryRun: true }), beta.id);
      refused(
        await ctx
          .http(app, scoped)
          .post('/copies')
          .send({ from: { workspace: 'alpha' }, to: 'beta', dryRun: true }),
        'beta',
      );
      refused(
        await ctx
          .http(app, scoped)
          .post('/copies')
          .send({ from: { workspace: beta.id }, to: 'alpha', dryRun: true }),
        beta.id,
      );
      expect(await ctx.prisma.plan.count()).toBe(plans);
      for (const path of ['', '/steps']) refused(await ctx.http(app, scoped).get(`/plans/${betaPlan}${path}`), beta.id);
      refused(await ctx.http(app, scoped).post(`/plans/${betaPlan}/apply`), beta.id);
      refused(await ctx.http(app, scoped).post(`/plans/${betaPlan}/cancel`), beta.id);
      expect((await ctx.http(app, scoped).post(`/workspaces/${alpha.id}/restores`).send({ to: 'latest', dryRun: true })).status).toBe(202);
    });

    it('reaches no global route, even with the admin role: keys, audit log, new workspaces', async () => {
      for (const path of ['/api-keys', '/audit-log']) expectError(await ctx.http(app, scopedAdmin).get(path), 403);
      expectError(await ctx.http(app, scopedAdmin).post('/api-keys').send({ name: 'escape', role: 'admin' }), 403);
      expectError(await ctx.http(app, scoped).post('/workspaces').send({ name: 'gamma', token: TOKEN, baseUrl: ctx.simUrl }), 403);
      expect(await ctx.prisma.apiKey.count({ where: { name: 'escape' } })).toBe(0);
    });
  });
});
