import { INestApplication } from '@nestjs/common';
import { publishedDocument } from '../support/openapi-document';
import { ResponseChecker } from '../support/openapi-responses';
import { planIn, segmentApi } from '../support/plan-helpers';
import { eventually, TestContext } from '../support/test-context';

/**
 * The documentation cannot drift from the code: every route is driven once with a valid request
 * (a small scenario against the simulator) and each real answer — status, media type, body — is
 * validated against the document the API publishes at /docs-json, with openapi-backend (Ajv).
 */
describe('e2e: real answers of every route match the published OpenAPI document', () => {
  let ctx: TestContext;
  let app: INestApplication;
  let checker: ResponseChecker;

  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, expected: number, body?: object) => {
    const http = ctx.http(app);
    const verb = { GET: http.get, POST: http.post, PATCH: http.patch, DELETE: http.delete }[method];
    const test = verb(url);
    const res = method === 'GET' ? await test.buffer(true) : await (body ? test.send(body) : test);
    return checker.check(method, url, res, expected, body);
  };
  const snapshot = async (workspaceId: string) => {
    const queued = await call('POST', `/workspaces/${workspaceId}/snapshots`, 202);
    const url = `/workspaces/${workspaceId}/snapshots/${queued.body.snapshotId}`;
    await eventually(async () => {
      const res = await ctx.http(app).get(url);
      if (res.body.status === 'failed') throw new Error(`snapshot failed: ${res.body.error}`);
      return res.body.status === 'completed';
    }, 30_000);
    return (await call('GET', url, 200)).body;
  };

  beforeAll(async () => {
    ctx = await TestContext.create('e2e-openapi-responses', {
      workspaces: [
        { slug: 'staging', token: 'sim_staging', size: 60, env: 'staging' },
        { slug: 'target', token: 'sim_target', size: 10 },
      ],
    });
    // the webhook channel of the scenario posts to a local port: http to 127.0.0.1 allowed
    const env = { NOTIFY_HTTP_ALLOWLIST: '127.0.0.1' };
    app = await ctx.startApi(env);
    await ctx.startWorker(env);
    checker = new ResponseChecker(await publishedDocument(ctx, app));
    await checker.init();
  });
  afterAll(() => ctx.close());

  it('refuses what the document does not say: an undocumented field, a missing one, an undeclared status, another media type', async () => {
    const strict = new ResponseChecker(await publishedDocument(ctx, app));
    await strict.init();
    const json = { 'content-type': 'application/json; charset=utf-8' };
    const healthy = { status: 'ok', postgres: { status: 'up', latencyMs: 1 }, redis: { status: 'up', latencyMs: 2 } };
    const answer = (status: number, body: unknown, headers: Record<string, string> = json) => ({ status, body, headers }) as never;
    strict.check('GET', '/health', answer(200, healthy));
    expect(strict.failures).toEqual([]);
    strict.check('GET', '/health', answer(200, { ...healthy, extra: true }));
    strict.check('GET', '/health', answer(200, { status: 'ok', postgres: healthy.postgres }));
    strict.check('GET', '/health', answer(201, healthy));
    strict.check('GET', '/health', answer(200, healthy, { 'content-type': 'text/html' }));
    strict.check('GET', '/nowhere', answer(200, {}));
    strict.check('GET', '/workspaces/00000000-0000-4000-8000-000000000000/diff?to=latest', answer(200, {}));
    strict.check('POST', '/copies', answer(202, {}), undefined, { to: 'production', dryRun: 'yes' });
    expect(strict.failures).toEqual([
      expect.stringMatching(/must NOT have additional properties.*extra/),
      expect.stringMatching(/must have required property 'redis'/),
      expect.stringMatching(/does not declare 201/),
      expect.stringMatching(/answered text\/html/),
      expect.stringMatching(/no operation of the document matches/),
      expect.stringMatching(/request does not match DiffController_workspaceDiff.*from/),
      expect.stringMatching(/^GET .*diff.* body does not match/),
      expect.stringMatching(/request does not match CopiesController_copy.*(from|dryRun)/),
      expect.stringMatching(/^POST \/copies .* body does not match/),
    ]);
  });

  it('drives every operation once and finds each answer as documented', async () => {
    // workspaces
    const staging = (await call('POST', '/workspaces', 201, { name: 'staging', token: 'sim_staging', baseUrl: ctx.simUrl })).body;
    const target = (await call('POST', '/workspaces', 201, { name: 'target', token: 'sim_target', baseUrl: ctx.simUrl })).body;
    await call('GET', '/workspaces?limit=10', 200);
    await call('PATCH', `/workspaces/${staging.id}`, 200, { schedule: '0 3 * * *', timezone: 'Europe/Paris' });

    // a global webhook channel (its deliveries, to a closed port, fail: lastError and lastStatus shown)
    const channel = await call('POST', '/notifications/channels', 201, {
      name: 'ops-webhook',
      type: 'webhook',
      url: 'http://127.0.0.1:9/hook',
      events: ['plan.ready', 'plan.completed', 'plan.partial', 'plan.failed'],
    });
    expect(channel.body.secret).toMatch(/^whsec_/);

    // snapshots, then a change in Segment and another snapshot: a diff with entries
    const first = await snapshot(staging.id);
    await snapshot(target.id);
    const destinations = (await call('GET', `/workspaces/${staging.id}/resources?kind=destination&limit=2`, 200)).body.items;
    await segmentApi(ctx)('DELETE', `/destinations/${destinations[0].id}`);
    await segmentApi(ctx)('PATCH', `/destinations/${destinations[1].id}`, { enabled: !destinations[1].body.enabled, name: 'renamed' });
    await snapshot(staging.id);
    await call('GET', `/workspaces/${staging.id}`, 200);
    await call('GET', `/workspaces/${staging.id}/snapshots?limit=5`, 200);

    // history
    const resources = (await call('GET', `/workspaces/${staging.id}/resources?at=${first.version}&limit=20`, 200)).body;
    const destination = resources.items.find((r: { kind: string }) => r.kind === 'destination') ?? resources.items[0];
    await call('GET', `/workspaces/${staging.id}/resources/${destination.kind}/${destination.id}/history`, 200);
    const diff = await call('GET', `/workspaces/${staging.id}/diff?from=${first.version}&to=latest`, 200);
    // a replace operation (any JSON value) and a deletion are among the entries
    expect(new Set(diff.body.items.map((entry: { status: string }) => entry.status))).toEqual(new Set(['changed', 'deleted']));
    await call('GET', `/diff?left=staging&right=target&limit=50`, 200);
    const archive = await call('GET', `/workspaces/${staging.id}/export?at=latest`, 200);
    expect(archive.headers['content-type']).toBe('application/gzip');

    // a restore dry run (back before the deletion: steps, secrets needed) and a copy dry run
    const restore = await call('POST', `/workspaces/${staging.id}/restores`, 202, { to: String(first.version), dryRun: true });
    const copy = await call('POST', '/copies', 202, { from: { workspace: 'staging' }, to: 'target', dryRun: true, allowDelete: false });
    await planIn(ctx.http(app), restore.body.planId, ['ready']);
    await planIn(ctx.http(app), copy.body.planId, ['ready']);
    const plan = await call('GET', `/plans/${restore.body.planId}?limit=5`, 200);
    expect(plan.body.steps.length).toBeGreaterThan(0);
    await call('GET', `/plans/${copy.body.planId}`, 200);
    await call('GET', `/plans/${restore.body.planId}/steps?limit=5`, 200);
    await call('GET', `/workspaces/${staging.id}/plans`, 200);

    // a plan cancelled (200, the plan), one applied (202) to its end
    const toCancel = await call('POST', `/workspaces/${staging.id}/restores`, 202, { to: 'latest' });
    await planIn(ctx.http(app), toCancel.body.planId, ['ready']);
    expect((await call('POST', `/plans/${toCancel.body.planId}/cancel`, 200)).body.status).toBe('cancelled');
    const toApply = await call('POST', `/workspaces/${target.id}/restores`, 202, { to: 'latest' });
    await planIn(ctx.http(app), toApply.body.planId, ['ready']);
    await call('POST', `/plans/${toApply.body.planId}/apply`, 202);
    await planIn(ctx.http(app), toApply.body.planId, ['completed', 'partial', 'failed', 'conflict']);
    await call('GET', `/plans/${toApply.body.planId}`, 200);

    // notification channels and their deliveries (plan.ready events went to the channel)
    await eventually(async () => (await ctx.http(app).get('/notifications/deliveries')).body.items?.length > 0, 20_000, 'a delivery');
    const deliveries = await call('GET', `/notifications/deliveries?channel=${channel.body.id}&limit=5`, 200);
    expect(deliveries.body.items.length).toBeGreaterThan(0);
    await call('GET', '/notifications/channels', 200);
    await call('GET', `/notifications/channels/${channel.body.id}`, 200);
    await call('PATCH', `/notifications/channels/${channel.body.id}`, 200, { name: 'ops-hook', enabled: false });
    await call('DELETE', `/notifications/channels/${channel.body.id}`, 204);

    // change rules
    const params = { kind: 'destination', threshold: 2 };
    const rule = await call('POST', '/notifications/rules', 201, {
      workspaceId: staging.id,
      name: 'destinations going away',
      type: 'deleted-or-disabled',
      params,
    });
    await call('GET', `/notifications/rules?workspaceId=${staging.id}&limit=10`, 200);
    await call('GET', `/notifications/rules/${rule.body.id}`, 200);
    await call('PATCH', `/notifications/rules/${rule.body.id}`, 200, { enabled: false, params: { ...params, threshold: 5 } });
    await call('DELETE', `/notifications/rules/${rule.body.id}`, 204);

    // API keys, audit log, health, metrics
    const key = await call('POST', '/api-keys', 201, { name: 'ci', role: 'viewer', workspaces: ['staging'] });
    await call('GET', '/api-keys', 200);
    await call('DELETE', `/api-keys/${key.body.id}`, 204);
    await call('GET', '/audit-log?limit=20', 200);
    await call('GET', '/health', 200);
    await call('GET', '/health/live', 200);
    await call('GET', '/health/ready', 200);
    const metrics = await call('GET', '/metrics', 200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);

    // the error body, as one answer of each refusal shows it
    await call('GET', `/workspaces/${staging.id}/snapshots?limit=0`, 400);
    await checker.check('GET', '/workspaces', await ctx.http(app, null).get('/workspaces'), 401);
    await call('GET', '/plans/00000000-0000-4000-8000-000000000000', 404);
    await call('POST', `/plans/${toCancel.body.planId}/cancel`, 409);

    // archived (200, the workspace), then purged (204)
    await call('DELETE', `/workspaces/${target.id}`, 200);
    await call('DELETE', `/workspaces/${target.id}?purge=true&confirm=target`, 204);

    expect(checker.failures).toEqual([]);
    expect(checker.uncovered()).toEqual([]);
    console.log(`OpenAPI check: ${checker.validated} answers validated, ${checker.covered.size} operations covered`);
  });
});
