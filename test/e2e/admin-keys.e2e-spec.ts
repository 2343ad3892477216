import { INestApplication } from '@nestjs/common';
import { expectError } from '../support/api-helpers';
import { ADMIN_KEY, TestContext } from '../support/test-context';

/** Finding 5 of issue 10: the last admin key cannot be revoked, and ADMIN_API_KEY always works. */
describe('e2e: admin keys', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create('e2e-admin-keys');
  });
  afterAll(() => ctx.close());

  const keyIdOf = async (app: INestApplication, key: string, name: string) =>
    ((await ctx.http(app, key).get('/api-keys')).body.items as Array<{ id: string; name: string }>).find((k) => k.name === name)!.id;

  it("refuses to revoke ADMIN_API_KEY's record while it is configured (409)", async () => {
    const app = await ctx.startApi();
    const id = await keyIdOf(app, ADMIN_KEY, 'admin (ADMIN_API_KEY)');
    expectError(await ctx.http(app).delete(`/api-keys/${id}`), 409);
    expect((await ctx.prisma.apiKey.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
    await ctx.stopApp(app);
  });

  it('refuses to revoke the last active admin key (409); another admin may be revoked', async () => {
    // without ADMIN_API_KEY, its old record is an ordinary admin key
    const app = await ctx.startApi({ ADMIN_API_KEY: '' });
    const second = (await ctx.http(app).post('/api-keys').send({ name: 'second admin', role: 'admin' })).body as {
      id: string;
      key: string;
    };
    const scopedAdmin = (await ctx.http(app).post('/api-keys').send({ name: 'scoped admin', role: 'admin', workspaces: [] })).status;
    expect(scopedAdmin).toBe(400);
    const first = await keyIdOf(app, second.key, 'admin (ADMIN_API_KEY)');
    expect((await ctx.http(app, second.key).delete(`/api-keys/${first}`)).status).toBe(204);
    const refused = await ctx.http(app, second.key).delete(`/api-keys/${second.id}`);
    expectError(refused, 409);
    expect(refused.body.message).toMatch(/last active admin key/);
    expect(await ctx.prisma.apiKey.count({ where: { role: 'admin', revokedAt: null } })).toBe(1);
    // two revocations at once cannot both pass
    const third = (await ctx.http(app, second.key).post('/api-keys').send({ name: 'third admin', role: 'admin' })).body as { id: string };
    const both = await Promise.all([second.id, third.id].map((id) => ctx.http(app, second.key).delete(`/api-keys/${id}`)));
    expect(both.map((r) => r.status).sort()).toEqual([204, 409]);
    expect(await ctx.prisma.apiKey.count({ where: { role: 'admin', revokedAt: null } })).toBe(1);
    await ctx.stopApp(app);
  });

  it('takes ADMIN_API_KEY as the bootstrap key whatever its record says, and restores the record at start', async () => {
    await ctx.prisma.apiKey.updateMany({ where: { name: 'admin (ADMIN_API_KEY)' }, data: { revokedAt: new Date(), role: 'viewer' } });
    const app = await ctx.startApi();
    const res = await ctx.http(app).get('/api-keys');
    expect(res.status).toBe(200);
    expect(await ctx.prisma.apiKey.findFirstOrThrow({ where: { name: 'admin (ADMIN_API_KEY)' } })).toMatchObject({
      revokedAt: null,
      role: 'admin',
    });
    // revoked behind its back while running: still valid
    await ctx.prisma.apiKey.updateMany({ where: { name: 'admin (ADMIN_API_KEY)' }, data: { revokedAt: new Date() } });
    expect((await ctx.http(app).get('/api-keys')).status).toBe(200);
    const created = await ctx.http(app).post('/api-keys').send({ name: 'made by bootstrap', role: 'viewer' });
    expect(created.status).toBe(201);
    await ctx.stopApp(app);
  });
});
