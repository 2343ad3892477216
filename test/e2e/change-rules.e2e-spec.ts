import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { segmentApi } from '../support/plan-helpers';
import { snapshotNow } from '../support/snapshot-helpers';
import { TestContext } from '../support/test-context';

/** Issue 12: change rules evaluated on every snapshot's changes, notified once per rule and snapshot. */
describe('e2e: change rules fire on a snapshot that deletes three destinations', () => {
  let ctx: TestContext;
  let app: INestApplication;
  let worker: INestApplicationContext;
  let workspaceId: string;
  const rules: Record<string, string> = {};

  const firedRows = () => ctx.prisma.notificationEvent.findMany({ where: { event: 'rule.fired' }, orderBy: { recordedAt: 'asc' } });
  const addRule = async (body: Record<string, unknown>) => {
    const res = await ctx
      .http(app)
      .post('/notifications/rules')
      .send({ workspaceId, ...body });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    ctx = await TestContext.create('e2e-change-rules');
    app = await ctx.startApi();
    worker = await ctx.startWorker();
    workspaceId = (await ctx.http(app).post('/workspaces').send({ name: 'staging', token: 'sim_staging', baseUrl: ctx.simUrl })).body.id;
    rules.moreThanTwo = await addRule({
      name: 'destinations going',
      type: 'deleted-or-disabled',
      params: { kind: 'destination', threshold: 2 },
    });
    rules.moreThanThree = await addRule({
      name: 'many destinations going',
      type: 'deleted-or-disabled',
      params: { kind: 'destination', threshold: 3 },
    });
    rules.disabled = await addRule({
      name: 'muted',
      type: 'deleted-or-disabled',
      params: { kind: 'destination', threshold: 0 },
      enabled: false,
    });
    rules.labelled = await addRule({ name: 'environments', type: 'label-changed', params: { label: 'environment' } });
    rules.sources = await addRule({ name: 'sources going', type: 'deleted-or-disabled', params: { kind: 'source', threshold: 0 } });
  }, 60_000);
  afterAll(() => ctx.close());

  it('the first snapshot (everything created, labelled sources too) fires no rule: it is the baseline', async () => {
    const sources = (await segmentApi(ctx)('GET', '/sources')).sources as Array<{ labels: Array<{ key: string }> }>;
    expect(sources.some((s) => s.labels.some((l) => l.key === 'environment'))).toBe(true);
    expect((await snapshotNow(worker, workspaceId)).outcome).toBe('completed');
    expect(await firedRows()).toEqual([]);
    // from here on only the deletion rules watch
    expect((await ctx.http(app).patch(`/notifications/rules/${rules.labelled}`).send({ enabled: false })).status).toBe(200);
  });

  it('three destinations deleted: exactly one rule.fired, for "more than 2", naming the three', async () => {
    const segment = segmentApi(ctx);
    const destinations = ((await segment('GET', '/destinations')).destinations as Array<{ id: string; name: string }>).slice(0, 3);
    expect(destinations).toHaveLength(3);
    for (const destination of destinations) await segment('DELETE', `/destinations/${destination.id}`);

    const { outcome, snapshot } = await snapshotNow(worker, workspaceId);
    expect(outcome).toBe('completed');
    expect(snapshot.deleted).toBeGreaterThanOrEqual(3);
    const rows = await firedRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      event: 'rule.fired',
      workspaceId,
      workspaceName: 'staging',
      dedupKey: `rule.fired:${rules.moreThanTwo}:${snapshot.id}`,
      details: expect.objectContaining({
        ruleId: rules.moreThanTwo,
        rule: 'destinations going',
        type: 'deleted-or-disabled',
        snapshotId: snapshot.id,
        count: 3,
        summary: '3 destinations deleted or disabled in one snapshot (more than 2)',
      }),
    });
    const named = (rows[0]!.details as { resources: string[] }).resources;
    expect(named).toHaveLength(3);
    const heads = await ctx.prisma.event.findMany({ where: { workspaceId, type: 'ResourceDeleted', kind: 'destination' } });
    expect(named.sort()).toEqual(heads.map((e) => e.naturalKey).sort());
    expect(rows[0]!.title).toContain("Rule 'destinations going' fired on workspace 'staging'");
  });

  it('a second, unchanged snapshot adds no notification', async () => {
    const { outcome, snapshot } = await snapshotNow(worker, workspaceId);
    expect(outcome).toBe('completed');
    expect(snapshot).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    expect(await firedRows()).toHaveLength(1);
  });
});
