import { INestApplication } from '@nestjs/common';
import { ADMIN_KEY, eventually, TestContext } from '../support/test-context';

/** A pino destination that keeps every line, parsed. */
class CapturedLog {
  readonly lines: string[] = [];
  write(line: string): void {
    this.lines.push(line);
  }
  records(): Array<Record<string, unknown>> {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}

const WEBHOOK_SECRET = 'whsec_canary_0123456789abcdefghijklmnop';

describe('e2e: structured logs (nestjs-pino)', () => {
  let ctx: TestContext;
  let app: INestApplication;
  // nestjs-pino keeps one pino instance per process: the API, started first, writes the lines of
  // both apps here (in production each runs in its own process, with its own name on each line).
  const log = new CapturedLog();
  const apiLog = log;
  const workerLog = log;
  const logEnv = { LOG_FORMAT: 'json', LOG_LEVEL: 'log' };
  let createdKey: string;
  let workspaceId: string;
  let snapshotId: string;
  let requestId: string;

  beforeAll(async () => {
    ctx = await TestContext.create('e2e-logging');
    app = await ctx.startApi(logEnv, apiLog);
    await ctx.startWorker(logEnv, workerLog);
    const workspace = await ctx.http(app).post('/workspaces').send({ name: 'staging', token: 'sim_staging', baseUrl: ctx.simUrl });
    expect(workspace.status).toBe(201);
    workspaceId = workspace.body.id;
    const key = await ctx.http(app).post('/api-keys').send({ name: 'ci', role: 'operator' });
    createdKey = key.body.key;
    const channel = await ctx
      .http(app)
      .post('/notifications/channels')
      .send({
        name: 'ops',
        type: 'webhook',
        url: 'https://hooks.example.com/segment',
        events: ['snapshot.failed'],
        secret: WEBHOOK_SECRET,
      });
    expect(channel.status).toBe(201);
    const snapshot = await ctx.http(app).post(`/workspaces/${workspaceId}/snapshots`).set('x-request-id', 'trace-0123456789');
    expect(snapshot.status).toBe(202);
    snapshotId = snapshot.body.snapshotId;
    requestId = snapshot.headers['x-request-id'];
    await eventually(async () => (await ctx.prisma.snapshot.findUniqueOrThrow({ where: { id: snapshotId } })).status === 'completed');
    await eventually(async () => workerLog.records().some((r) => r.jobId !== undefined && r.snapshotId === snapshotId));
  });
  afterAll(() => ctx.close());

  it('logs each request as JSON with its request id, kept from the client when it looks like one', () => {
    expect(requestId).toBe('trace-0123456789');
    const line = apiLog.records().find((r) => r.requestId === requestId && r.msg === 'request completed');
    expect(line).toMatchObject({ name: 'api', level: 30, req: { id: requestId, method: 'POST' }, res: { statusCode: 202 } });
    const other = apiLog.records().find((r) => r.msg === 'request completed' && r.requestId !== requestId);
    expect(other?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("puts the job's ids in fields of the worker's lines, not only in their text", () => {
    const snapshotLine = workerLog.records().find((r) => r.snapshotId === snapshotId && String(r.msg).includes('at version'));
    expect(snapshotLine).toMatchObject({ workspaceId, snapshotId, context: 'TakeSnapshotService' });
    const jobLine = workerLog.records().find((r) => r.snapshotId === snapshotId && r.jobId !== undefined);
    expect(jobLine).toMatchObject({ queue: 'snapshots', workspaceId, jobId: expect.any(String) });
  });

  it('never writes a Segment token, an API key or a webhook secret, whether sent in a header or a body or returned', () => {
    const everything = log.lines.join('\n');
    expect(apiLog.lines.length).toBeGreaterThan(3);
    for (const canary of ['sim_staging', ADMIN_KEY, createdKey, WEBHOOK_SECRET]) expect(everything).not.toContain(canary);
    expect(everything).toContain('[redacted]');
  });
});
