import { INestApplication } from '@nestjs/common';
import { expectError } from '../support/api-helpers';
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
});
