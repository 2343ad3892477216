import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { SMTPServer } from 'smtp-server';
import { verifyWebhookSignature } from '../../libs/application/src';
import { Notices } from '../../apps/worker/src/notifications/notices';
import { DeliverySweep } from '../../apps/worker/src/notifications/delivery-sweep';
import { NotificationEventRepository } from '../../libs/store/src';
import { expectError } from '../support/api-helpers';
import { applyPlan, planRestore, segmentApi, destinationStandingAlone } from '../support/plan-helpers';
import { registerWorkspace, snapshotNow } from '../support/snapshot-helpers';
import { eventually, sleep, TestContext } from '../support/test-context';

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A local receiver: records every POST; `failures[path]` answers 500 that many times first. */
async function startReceiver(failures: Record<string, number>) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      if ((failures[path] ?? 0) > 0) {
        failures[path]!--;
        response.writeHead(500).end('receiver down');
      } else response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, received, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A local SMTP server without TLS or authentication, keeping each message. */
async function startSmtp() {
  const messages: Array<{ to: string[]; data: string }> = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, messages, port: (server.server.address() as AddressInfo).port };
}

describe('e2e: notifications (signed webhook, Slack, e-mail; retries; plan events)', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let api: INestApplication;
  let http: ReturnType<TestContext['http']>;
  let workspaceId: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const failures: Record<string, number> = {};
  let webhookSecret: string;
  const channelIds: string[] = [];

  beforeAll(async () => {
    ctx = await TestContext.create('notifications', { workspaces: [{ slug: 'staging', token: 'sim_staging', size: 150, env: 'staging' }] });
    receiver = await startReceiver(failures);
    smtp = await startSmtp();
    const env = {
      SEGMENT_TIME_SCALE: '100',
      SEGMENT_MAX_ATTEMPTS: '2',
      NOTIFY_RETRY_BASE_MS: '50',
      NOTIFY_TIMEOUT_MS: '3000',
      NOTIFY_HTTP_ALLOWLIST: '127.0.0.1',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      SMTP_FROM: 'backup@test.local',
    };
    worker = await ctx.startWorker(env);
    api = await ctx.startApi(env);
    http = ctx.http(api);
    workspaceId = (await registerWorkspace(ctx, worker)).id;
  });
  afterAll(async () => {
    await ctx.close();
    receiver.server.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });
  afterEach(() => ctx.sim.faults.clear());

  const deliveries = async (query = '') => {
    const response = await http.get(`/notifications/deliveries${query}`);
    expect(response.status).toBe(200);
    return response.body.items as Array<Record<string, any>>;
  };
  const failSnapshot = async () => {
    ctx.sim.faults.add({ kind: 'fail-page', path: '^/destinations$', page: 1 });
    const { outcome, snapshot } = await snapshotNow(worker, workspaceId);
    expect(outcome).toBe('failed');
    return snapshot;
  };

  it('creates channels: the webhook secret is shown once, never in later answers; bad input is a 400 naming the field', async () => {
    const webhook = await http.post('/notifications/channels').send({
      name: 'ops-webhook',
      type: 'webhook',
      url: `${receiver.url}/hook`,
      events: ['snapshot.failed'],
    });
    expect(webhook.status).toBe(201);
    expect(webhook.body.secret).toMatch(/^whsec_/);
    webhookSecret = webhook.body.secret;
    const slack = await http
      .post('/notifications/channels')
      .send({ name: 'ops-slack', type: 'slack', url: `${receiver.url}/slack`, events: ['snapshot.failed'], workspaceId });
    expect(slack.status).toBe(201);
    expect(slack.body.secret).toBeUndefined();
    // the incoming-webhook URL is a credential: stored encrypted, only its origin in clear
    const slackRow = await ctx.prisma.notificationChannel.findUniqueOrThrow({ where: { id: slack.body.id } });
    expect(slackRow.url).toBe(`${new URL(receiver.url).origin}/…`);
    expect(slack.body.url).toBe(slackRow.url);
    expect(Buffer.from(slackRow.secretCiphertext!).toString('latin1')).not.toContain('/slack');
    const email = await http
      .post('/notifications/channels')
      .send({ name: 'ops-mail', type: 'email', address: 'oncall@example.com', events: ['snapshot.failed'] });
    expect(email.status).toBe(201);
    channelIds.push(webhook.body.id, slack.body.id, email.body.id);

    const list = await http.get('/notifications/channels');
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: any) => c.name).sort()).toEqual(['ops-mail', 'ops-slack', 'ops-webhook']);
    const one = await http.get(`/notifications/channels/${webhook.body.id}`);
    expect(one.body).toMatchObject({ type: 'webhook', signed: true, events: ['snapshot.failed'] });
    for (const body of [list.text, one.text]) expect(body).not.toContain(webhookSecret);
    // stored encrypted, not in clear
    const row = await ctx.prisma.notificationChannel.findUniqueOrThrow({ where: { id: webhook.body.id } });
    expect(Buffer.from(row.secretCiphertext!).toString('latin1')).not.toContain(webhookSecret);

    const bad = async (body: object, field: string) =>
      expectError(
        await http.post('/notifications/channels').send({ name: 'x', type: 'webhook', events: ['plan.failed'], ...body }),
        400,
        field,
      );
    await bad({ url: 'http://10.0.0.1/hook' }, 'url');
    await bad({ url: 'ftp://example.com/x' }, 'url');
    await bad({}, 'url');
    await bad({ url: 'https://example.com/x', events: ['nope'] }, 'events');
    await bad({ url: 'https://example.com/x', events: [] }, 'events');
    await bad({ url: 'https://example.com/x', type: 'pager' }, 'type');
    await bad({ url: 'https://example.com/x', workspaceId: '00000000-0000-4000-8000-000000000000' }, 'workspaceId');
    await bad({ type: 'slack', url: 'https://example.com/x', secret: 'a-secret-of-16-chars' }, 'secret');
    await bad({ type: 'email', address: 'not-an-address' }, 'address');
    await bad({ type: 'email', address: 'a@example.com', url: 'https://example.com/x' }, 'url');
    expectError(
      await http
        .post('/notifications/channels')
        .send({ name: 'ops-webhook', type: 'slack', url: 'https://e.com/x', events: ['plan.failed'] }),
      409,
    );
    expectError(await http.patch(`/notifications/channels/${email.body.id}`).send({ type: 'webhook' }), 400, 'type');
    expectError(await http.get('/notifications/deliveries?status=lost'), 400, 'status');
  });

  it('refuses e-mail channels when SMTP_URL is not configured (400 naming type)', async () => {
    const bare = ctx.http(await ctx.startApi({ SMTP_URL: '' }));
    expectError(
      await bare.post('/notifications/channels').send({ name: 'mail', type: 'email', address: 'a@example.com', events: ['plan.failed'] }),
      400,
      'type',
    );
  });

  it('a failed snapshot makes exactly one signed webhook delivery, one Slack message and one e-mail', async () => {
    const snapshot = await failSnapshot();
    await eventually(async () => receiver.received.length >= 2 && smtp.messages.length >= 1, 20_000, 'deliveries');
    // a second notice of the same occurrence (a retried job) delivers nothing new
    await worker.get(Notices).snapshotFailed(workspaceId, { id: snapshot.id }, 'again');
    await sleep(500);

    const hooks = receiver.received.filter((r) => r.path === '/hook');
    expect(hooks).toHaveLength(1);
    const hook = hooks[0]!;
    const signature = { signature: hook.headers['x-signature'] as string, timestamp: hook.headers['x-signature-timestamp'] as string };
    expect(signature.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(webhookSecret, signature, hook.body)).toBe(true);
    expect(verifyWebhookSignature('whsec_wrong', signature, hook.body)).toBe(false);
    expect(JSON.parse(hook.body)).toMatchObject({
      event: 'snapshot.failed',
      workspace: { id: workspaceId, name: 'staging' },
      title: expect.stringContaining('staging'),
      details: { snapshotId: snapshot.id, error: expect.any(String) },
    });

    const slack = receiver.received.filter((r) => r.path === '/slack');
    expect(slack).toHaveLength(1);
    expect(Object.keys(JSON.parse(slack[0]!.body))).toEqual(['text']);
    expect(JSON.parse(slack[0]!.body).text).toContain('failed');

    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.to).toEqual(['oncall@example.com']);
    expect(smtp.messages[0]!.data).toMatch(/Subject: Snapshot of 'staging' failed/);

    const rows = await deliveries('?event=snapshot.failed');
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatchObject({ status: 'delivered', attempts: 1, lastError: null });
    expect(JSON.stringify(rows)).not.toContain(webhookSecret);
  });

  it('retries a receiver that answers 500 twice: delivered on the third try, the API shows 3 attempts and the last error', async () => {
    for (const id of channelIds) expect((await http.patch(`/notifications/channels/${id}`).send({ enabled: false })).status).toBe(200);
    failures['/flaky'] = 2;
    const flaky = await http
      .post('/notifications/channels')
      .send({ name: 'flaky', type: 'webhook', url: `${receiver.url}/flaky`, events: ['snapshot.failed'], secret: 'a-chosen-secret-1234' });
    expect(flaky.status).toBe(201);
    expect(flaky.body.secret).toBe('a-chosen-secret-1234');
    await failSnapshot();

    const [row] = await eventually(
      async () => {
        const rows = await deliveries(`?channel=${flaky.body.id}`);
        return rows.length === 1 && rows[0]!.status === 'delivered' ? rows : undefined;
      },
      20_000,
      'the flaky delivery',
    );
    expect(row).toMatchObject({ channel: 'flaky', attempts: 3, lastStatus: 200, lastError: 'HTTP 500: receiver down' });
    const hits = receiver.received.filter((r) => r.path === '/flaky');
    expect(hits).toHaveLength(3);
    // the disabled channels received nothing this time
    expect(receiver.received.filter((r) => r.path === '/hook')).toHaveLength(1);
    expect(JSON.stringify((await http.get('/notifications/channels')).body)).not.toContain('a-chosen-secret-1234');
  });

  it('announces a restore plan ready for approval, then partial with what is left', async () => {
    const plans = await http.post('/notifications/channels').send({
      name: 'plans',
      type: 'webhook',
      url: `${receiver.url}/plans`,
      events: ['plan.ready', 'plan.partial', 'plan.completed'],
      workspaceId,
    });
    expect(plans.status).toBe(201);
    const ws = ctx.sim.state.workspaces.get('staging')!;
    const destination = destinationStandingAlone(ws);
    const { snapshot } = await snapshotNow(worker, workspaceId);
    await segmentApi(ctx)('DELETE', `/destinations/${destination.id}`);
    const plan = await planRestore(http, workspaceId, { to: String(snapshot.version), select: { ids: [destination.id] } });
    expect(plan.status).toBe('ready');
    const ready = await eventually(async () => receiver.received.find((r) => r.path === '/plans'), 20_000, 'plan.ready');
    expect(JSON.parse(ready.body)).toMatchObject({ event: 'plan.ready', details: { planId: plan.id, dryRun: false } });

    const done = await applyPlan(http, plan.id);
    expect(done.status).toBe('partial');
    const partial = await eventually(
      async () => receiver.received.find((r) => r.path === '/plans' && JSON.parse(r.body).event === 'plan.partial'),
      20_000,
      'plan.partial',
    );
    expect(JSON.parse(partial.body).details).toMatchObject({ planId: plan.id, status: 'partial', left: done.report.left });
    expect(receiver.received.filter((r) => r.path === '/plans')).toHaveLength(2);
    expect(await deliveries(`?channel=${plans.body.id}&status=delivered`)).toHaveLength(2);
  });

  it('a sweep delivers what a crash left behind: an event never fanned out, a delivery whose job was lost', async () => {
    const flaky = (await http.get('/notifications/channels')).body.items.find((c: any) => c.name === 'flaky');
    const record = (key: string) =>
      worker.get(NotificationEventRepository).record({
        event: 'snapshot.failed',
        workspaceId,
        workspaceName: 'staging',
        dedupKey: key,
        title: `lost ${key}`,
        details: {},
        at: new Date(),
      });
    // recorded, then the process "died" before its fan-out; and a delivery whose job Redis lost
    const unfanned = (await record('snapshot.failed:lost-1'))!;
    const orphan = (await record('snapshot.failed:lost-2'))!;
    await ctx.prisma.notificationDelivery.create({ data: { eventId: orphan.id, channelId: flaky.id } });
    await sleep(300);
    expect(receiver.received.filter((r) => r.body.includes('lost snapshot.failed'))).toHaveLength(0);

    const report = await worker.get(DeliverySweep).tick(new Date(Date.now() + 10 * 60_000));
    expect(report).toMatchObject({ fannedOut: expect.any(Number), requeued: expect.any(Number) });
    expect(report!.fannedOut).toBeGreaterThanOrEqual(1);
    expect(report!.requeued).toBeGreaterThanOrEqual(1);
    await eventually(async () => receiver.received.filter((r) => r.body.includes('lost snapshot.failed')).length === 2, 20_000, 'swept');
    const rows = await deliveries(`?channel=${flaky.id}&status=delivered`);
    expect(rows.filter((r) => [unfanned.id, orphan.id].includes(r.eventId))).toHaveLength(2);
    // a second sweep sends nothing again
    await worker.get(DeliverySweep).tick(new Date(Date.now() + 10 * 60_000));
    await sleep(300);
    expect(receiver.received.filter((r) => r.body.includes('lost snapshot.failed'))).toHaveLength(2);
  });
});
