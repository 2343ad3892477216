import { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { WorkerHttp } from '../../apps/worker/src/observability/worker-http';
import { expectError } from '../support/api-helpers';
import { parsePrometheusText, sampleValue } from '../support/prometheus-text';
import { ADMIN_KEY, eventually, TestContext } from '../support/test-context';

const LAST_SUCCESS = 'segment_backup_last_successful_snapshot_timestamp_seconds';

describe('e2e: metrics, health and the queue dashboard', () => {
  let ctx: TestContext;
  let app: INestApplication;
  let worker: INestApplicationContext;
  let workspaceId: string;
  let operatorKey: string;

  const http = () => ctx.http(app);
  const workerHttp = () => request(`http://127.0.0.1:${worker.get(WorkerHttp).port()}`);
  const apiMetrics = async () => {
    const res = await http().get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(res.text);
  };
  const snapshot = async () => {
    const queued = await http().post(`/workspaces/${workspaceId}/snapshots`);
    expect(queued.status).toBe(202);
    return eventually(async () => {
      const row = await ctx.prisma.snapshot.findUniqueOrThrow({ where: { id: queued.body.snapshotId } });
      expect(row.status).not.toBe('failed');
      return row.status === 'completed' ? row : undefined;
    });
  };

  beforeAll(async () => {
    ctx = await TestContext.create('e2e-observability');
    app = await ctx.startApi();
    worker = await ctx.startWorker({ WORKER_HEARTBEAT_MS: '200' });
    const res = await http().post('/workspaces').send({ name: 'staging', token: 'sim_staging', baseUrl: ctx.simUrl });
    expect(res.status).toBe(201);
    workspaceId = res.body.id;
    operatorKey = (await http().post('/api-keys').send({ name: 'ci', role: 'operator' })).body.key;
  });
  afterAll(() => ctx.close());

  describe('/metrics on the API', () => {
    it('needs an API key: Prometheus sends it as a bearer token', async () => {
      expectError(await ctx.http(app, null).get('/metrics'), 401);
    });

    it('parses as Prometheus text and has no last-success sample before any snapshot', async () => {
      const samples = await apiMetrics();
      expect(sampleValue(samples, LAST_SUCCESS, { workspace: 'staging' })).toBeUndefined();
      expect(sampleValue(samples, 'segment_backup_queue_jobs', { queue: 'snapshots', state: 'failed' })).toBe(0);
      expect(sampleValue(samples, 'process_cpu_user_seconds_total', { process: 'api' })).toBeGreaterThanOrEqual(0);
    });

    it('shows the time of the last successful snapshot, moving with each one, and resources per kind', async () => {
      const first = await snapshot();
      let samples = await apiMetrics();
      expect(sampleValue(samples, LAST_SUCCESS, { workspace: 'staging' })).toBe(first.finishedAt!.getTime() / 1000);
      const heads = await ctx.prisma.resourceHead.count({ where: { workspaceId, kind: 'source' } });
      expect(heads).toBeGreaterThan(0);
      expect(sampleValue(samples, 'segment_backup_resources', { workspace: 'staging', kind: 'source' })).toBe(heads);

      const second = await snapshot();
      expect(second.finishedAt!.getTime()).toBeGreaterThan(first.finishedAt!.getTime());
      samples = await apiMetrics();
      expect(sampleValue(samples, LAST_SUCCESS, { workspace: 'staging' })).toBe(second.finishedAt!.getTime() / 1000);
    });
  });

  describe("the worker's own HTTP server", () => {
    it('counts snapshots by workspace and outcome, and Segment requests by rate class and status', async () => {
      const res = await workerHttp().get('/metrics');
      expect(res.status).toBe(200);
      const samples = parsePrometheusText(res.text);
      expect(
        sampleValue(samples, 'segment_backup_snapshots_total', { workspace: 'staging', outcome: 'completed', process: 'worker' }),
      ).toBe(2);
      expect(sampleValue(samples, 'segment_backup_snapshot_duration_seconds_count', { outcome: 'completed' })).toBe(2);
      const requests = samples.filter((s) => s.name === 'segment_backup_segment_requests_total' && s.labels.status === '200');
      const sent = await ctx.prisma.snapshot.aggregate({ _sum: { requests: true }, where: { workspaceId } });
      expect(requests.reduce((sum, s) => sum + s.value, 0)).toBe(sent._sum.requests);
    });

    it('answers liveness and readiness, and nothing else', async () => {
      expect((await workerHttp().get('/health/live')).body).toMatchObject({ status: 'ok' });
      const ready = await workerHttp().get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: 'ok', postgres: { status: 'up' }, redis: { status: 'up' } });
      expect((await workerHttp().get('/anything')).status).toBe(404);
      expect((await workerHttp().post('/metrics')).status).toBe(405);
    });
  });

  describe('/health on the API (terminus)', () => {
    it('live answers without a key', async () => {
      const res = await ctx.http(app, null).get('/health/live');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ok' });
    });

    it('ready reports Postgres, Redis and the workers alive by their heartbeat', async () => {
      const res = await ctx.http(app, null).get('/health/ready');
      expect(res.status).toBe(200);
      expect(res.body.details).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' }, workers: { status: 'up', alive: 1 } });
    });

    it('a worker that stops drops out; the API stays ready, degraded', async () => {
      await ctx.stopApp(worker);
      const res = await eventually(async () => {
        const r = await ctx.http(app, null).get('/health/ready');
        return r.body.details?.workers?.alive === 0 ? r : undefined;
      });
      expect(res.status).toBe(200);
      expect(res.body.details.workers).toMatchObject({ status: 'degraded', message: 'no worker heartbeat' });
      worker = await ctx.startWorker({ WORKER_HEARTBEAT_MS: '200' });
    });
  });

  describe('Bull Board at /admin/queues', () => {
    it('asks a browser for credentials (401 with WWW-Authenticate) and refuses non-admin keys (403)', async () => {
      const anonymous = await ctx.http(app, null).get('/admin/queues');
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers['www-authenticate']).toMatch(/^Basic realm=/);
      expectError(await ctx.http(app, 'sbk_unknown_key_0000000000000000').get('/admin/queues'), 401);
      expectError(await ctx.http(app, operatorKey).get('/admin/queues/api/queues'), 403);
    });

    it('serves the dashboard to an admin key given as the Basic password, and every queue as JSON', async () => {
      const page = await request(app.getHttpServer()).get('/admin/queues').auth('admin', ADMIN_KEY);
      expect(page.status).toBe(200);
      expect(page.text).toContain('<div id="root">');
      const queues = await http().get('/admin/queues/api/queues');
      expect(queues.status).toBe(200);
      expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['notifications', 'plans', 'snapshots']);
    });
  });
});
