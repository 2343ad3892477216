import { INestApplication } from '@nestjs/common';
import { expectError } from '../support/api-helpers';
import { TestContext } from '../support/test-context';

/** Issue 10, finding 2: a schedule that fires more than once a minute, or more often than the minimum, is refused. */
describe('e2e: schedule limits', () => {
  let ctx: TestContext;
  let app: INestApplication;
  let strict: INestApplication;

  const create = (target: INestApplication, body: Record<string, unknown>) =>
    ctx
      .http(target)
      .post('/workspaces')
      .send({ token: 'sim_staging', baseUrl: ctx.simUrl, ...body });

  beforeAll(async () => {
    ctx = await TestContext.create('e2e-schedule-limits');
    app = await ctx.startApi();
    strict = await ctx.startApi({ SCHEDULE_MIN_INTERVAL_MINUTES: '120' });
  });
  afterAll(() => ctx.close());

  it.each([
    ['a 6-field schedule every 10 seconds', '*/10 * * * * *'],
    ['a 6-field schedule once a minute', '0 * * * * *'],
  ])('refuses %s with a 400 naming schedule, and stores nothing', async (_what, schedule) => {
    const res = await create(app, { name: `six-${schedule.length}-${schedule.charCodeAt(0)}`, schedule });
    expectError(res, 400, 'schedule');
    expect(res.body.message).toContain('5 fields');
    expect(await ctx.prisma.workspace.count()).toBe(0);
  });

  it('refuses a schedule every 5 minutes, saying the minimum (15 by default) and what it found', async () => {
    const res = await create(app, { name: 'five', schedule: '*/5 * * * *' });
    expectError(res, 400, 'schedule');
    expect(res.body.message).toContain('5 minutes apart');
    expect(res.body.message).toContain('at least 15 minutes');
    expect(await ctx.prisma.workspace.count()).toBe(0);
  });

  it('refuses a schedule whose runs come one minute apart on the night the clock goes forward', async () => {
    const res = await create(app, { name: 'dst', schedule: '0,59 1,3 * * *', timezone: 'Europe/Paris' });
    expectError(res, 400, 'schedule');
    expect(res.body.message).toContain('1 minute apart');
    expect(res.body.message).toContain('clock changes in Europe/Paris');
    // the same schedule in UTC keeps its runs 59 minutes apart
    expect((await create(app, { name: 'utc', schedule: '0,59 1,3 * * *' })).status).toBe(201);
  });

  it('accepts a schedule every 15 minutes, and takes SCHEDULE_MIN_INTERVAL_MINUTES from configuration', async () => {
    expect((await create(app, { name: 'quarter', schedule: '*/15 * * * *', timezone: 'America/New_York' })).status).toBe(201);
    const res = await create(strict, { name: 'hourly', schedule: '0 * * * *' });
    expectError(res, 400, 'schedule');
    expect(res.body.message).toContain('at least 120 minutes');
  });

  it('checks a PATCH against the stored timezone or schedule, and changes nothing when refused', async () => {
    const created = await create(app, { name: 'patched', schedule: '0,59 1,3 * * *' });
    const id = created.body.id as string;
    expectError(await ctx.http(app).patch(`/workspaces/${id}`).send({ timezone: 'Europe/Paris' }), 400, 'schedule');
    expectError(await ctx.http(app).patch(`/workspaces/${id}`).send({ schedule: '*/10 * * * *' }), 400, 'schedule');
    expect(await ctx.prisma.workspace.findUniqueOrThrow({ where: { id } })).toMatchObject({ schedule: '0,59 1,3 * * *', timezone: 'UTC' });
    expect((await ctx.http(app).patch(`/workspaces/${id}`).send({ schedule: '0 2 * * *', timezone: 'Europe/Paris' })).status).toBe(200);
  });
});
