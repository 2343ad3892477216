import { TestContext } from '../support/test-context';

/**
 * `npm start` registers the demo workspaces against the simulator this checkout starts: with
 * SIM_PORT moved (4100 taken by another checkout's simulator), they point at the moved one.
 */
describe('e2e: the first-start registration of the simulator workspaces', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create('e2e-bootstrap', {
      workspaces: [
        { slug: 'staging', token: 'sim_staging', size: 20, env: 'staging' },
        { slug: 'production', token: 'sim_production', size: 20, env: 'production' },
      ],
    });
  });
  afterAll(() => ctx.close());

  it('points the workspaces at SIM_HOST:SIM_PORT when SIMULATOR_URL is not set', async () => {
    const port = new URL(ctx.simUrl).port;
    await ctx.startApi({ REGISTER_SIMULATOR_WORKSPACES: 'true', SIMULATOR_URL: '', SIM_HOST: '0.0.0.0', SIM_PORT: port });
    const rows = await ctx.prisma.workspace.findMany({ orderBy: { name: 'asc' } });
    expect(rows.map((r) => [r.name, r.baseUrl])).toEqual([
      ['production', `http://127.0.0.1:${port}`],
      ['staging', `http://127.0.0.1:${port}`],
    ]);
  });
});
