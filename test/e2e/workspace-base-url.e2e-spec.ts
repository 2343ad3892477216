import { INestApplication } from '@nestjs/common';
import { expectError } from '../support/api-helpers';
import { TestContext } from '../support/test-context';

const TOKEN = 'sim_staging';

/** Finding 4 of issue 10: a workspace's token only ever goes to Segment or an allowed origin. */
describe('e2e: where a workspace token may be sent (baseUrl)', () => {
  let ctx: TestContext;
  let app: INestApplication;
  let operatorKey: string;
  let id: string;
  const row = () => ctx.prisma.workspace.findUniqueOrThrow({ where: { id } });

  beforeAll(async () => {
    ctx = await TestContext.create('e2e-base-url');
    app = await ctx.startApi();
    operatorKey = (await ctx.http(app).post('/api-keys').send({ name: 'ops', role: 'operator' })).body.key;
    id = (await ctx.http(app).post('/workspaces').send({ name: 'staging', token: TOKEN, baseUrl: ctx.simUrl })).body.id;
  });
  afterAll(() => ctx.close());

  it.each([
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data'],
    ['plain http outside the allow-list', 'http://10.0.0.1:8080'],
    ['an https host that is not Segment', 'https://collector.attacker.example'],
  ])('refuses to register a workspace at %s (400 naming baseUrl), storing nothing', async (_what, baseUrl) => {
    const before = await ctx.prisma.workspace.count();
    expectError(await ctx.http(app).post('/workspaces').send({ name: 'x', token: TOKEN, baseUrl }), 400, 'baseUrl');
    expect(await ctx.prisma.workspace.count()).toBe(before);
  });

  it('refuses an admin moving a workspace to the metadata address, even with the token (400 naming baseUrl)', async () => {
    const before = await row();
    const res = await ctx.http(app).patch(`/workspaces/${id}`).send({ baseUrl: 'http://169.254.169.254', token: TOKEN });
    expectError(res, 400, 'baseUrl');
    expect(await row()).toEqual(before);
  });

  it('refuses an operator moving a workspace, to an allowed host too (403 naming baseUrl / region)', async () => {
    const before = await row();
    expectError(await ctx.http(app, operatorKey).patch(`/workspaces/${id}`).send({ region: 'eu', token: TOKEN }), 403, 'region');
    expectError(
      await ctx.http(app, operatorKey).patch(`/workspaces/${id}`).send({ baseUrl: 'https://api.segmentapis.com', token: TOKEN }),
      403,
      'baseUrl',
    );
    expect(await row()).toEqual(before);
  });

  it('needs the token again to move a workspace (400 naming token), then moves it', async () => {
    const before = await row();
    expectError(await ctx.http(app).patch(`/workspaces/${id}`).send({ region: 'eu' }), 400, 'token');
    expect(await row()).toEqual(before);
    const moved = await ctx.http(app).patch(`/workspaces/${id}`).send({ region: 'eu', token: TOKEN });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ region: 'eu', baseUrl: 'https://eu1.api.segmentapis.com' });
  });

  it('lets an operator change anything else without the token', async () => {
    const res = await ctx.http(app, operatorKey).patch(`/workspaces/${id}`).send({ schedule: '0 3 * * *' });
    expect(res.status).toBe(200);
  });
});
