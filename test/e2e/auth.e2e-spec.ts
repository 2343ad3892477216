import { createHash } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { expectError } from '../support/api-helpers';
import { ADMIN_KEY, TestContext } from '../support/test-context';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

describe('e2e: API keys, roles and /health', () => {
  let ctx: TestContext;
  let app: INestApplication;
  let viewerKey: string;
  let viewerId: string;
  let operatorKey: string;
  let operatorId: string;

  const workspaceBody = (name: string) => ({ name, token: 'sim_staging', baseUrl: ctx.simUrl });

  beforeAll(async () => {
    ctx = await TestContext.create('e2e-auth');
    app = await ctx.startApi();
  });
  afterAll(() => ctx.close());

  describe('without a valid key', () => {
    it('answers 401 without an Authorization header, with the error body shape', async () => {
      const res = await ctx.http(app, null).get('/workspaces');
      expectError(res, 401);
      expect(res.body.message).toMatch(/Bearer/);
    });

    it('answers 401 for a header that is not a bearer token', async () => {
      expectError(
        await request(app.getHttpServer())
          .get('/workspaces')
          .set('Authorization', `Basic ${Buffer.from('a:b').toString('base64')}`),
        401,
      );
      expectError(await request(app.getHttpServer()).get('/workspaces').set('Authorization', 'Bearer'), 401);
    });

    it('answers 401 for an unknown key, on reads and writes alike', async () => {
      expectError(await ctx.http(app, 'sbk_not_a_key_that_exists').get('/workspaces'), 401);
      expectError(await ctx.http(app, 'sbk_not_a_key_that_exists').post('/workspaces').send(workspaceBody('nope')), 401);
      expectError(await ctx.http(app, 'sbk_not_a_key_that_exists').get('/api-keys'), 401);
      expectError(await ctx.http(app, `${ADMIN_KEY}x`).get('/workspaces'), 401);
      expect(await ctx.prisma.workspace.count()).toBe(0);
    });

    it('refuses unauthenticated requests before validating them (401, not 400)', async () => {
      expectError(await ctx.http(app, null).post('/workspaces').send({}), 401);
      expectError(await ctx.http(app, null).get('/workspaces/not-a-uuid'), 401);
    });
  });

  describe('/health', () => {
    it('is public and reports Postgres and Redis up', async () => {
      const res = await ctx.http(app, null).get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ok', postgres: { status: 'up' }, redis: { status: 'up' } });
      expect(typeof res.body.postgres.latencyMs).toBe('number');
      expect(typeof res.body.redis.latencyMs).toBe('number');
    });

    it('also answers with a key, and ignores a bad one', async () => {
      expect((await ctx.http(app).get('/health')).status).toBe(200);
      expect((await ctx.http(app, 'sbk_garbage').get('/health')).status).toBe(200);
    });
  });

  describe('the admin key from ADMIN_API_KEY', () => {
    it('is stored once, hashed, with the admin role', async () => {
      const rows = await ctx.prisma.apiKey.findMany();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ role: 'admin', hash: sha256(ADMIN_KEY), revokedAt: null });
      expect(JSON.stringify(rows)).not.toContain(ADMIN_KEY);
    });

    it('can read, write and manage keys', async () => {
      expect((await ctx.http(app).get('/workspaces')).status).toBe(200);
      expect((await ctx.http(app).get('/api-keys')).status).toBe(200);
    });
  });

  describe('key management (/api-keys)', () => {
    it('creates a viewer key and an operator key, returning each key once', async () => {
      const viewer = await ctx.http(app).post('/api-keys').send({ name: 'dashboards', role: 'viewer' });
      expect(viewer.status).toBe(201);
      expect(viewer.body).toMatchObject({
        id: expect.any(String),
        name: 'dashboards',
        role: 'viewer',
        revokedAt: null,
        key: expect.stringMatching(/^sbk_\S{20,}$/),
      });
      const operator = await ctx.http(app).post('/api-keys').send({ name: 'nightly-ci', role: 'operator' });
      expect(operator.status).toBe(201);
      expect(operator.body).toMatchObject({ name: 'nightly-ci', role: 'operator', key: expect.stringMatching(/^sbk_/) });
      expect(operator.body.key).not.toBe(viewer.body.key);
      ({ key: viewerKey, id: viewerId } = viewer.body);
      ({ key: operatorKey, id: operatorId } = operator.body);
    });

    it('never shows a key again in the list', async () => {
      const res = await ctx.http(app).get('/api-keys');
      expect(res.status).toBe(200);
      expect(res.body.items.map((k: { name: string; role: string }) => `${k.name}:${k.role}`).sort()).toEqual([
        'admin (ADMIN_API_KEY):admin',
        'dashboards:viewer',
        'nightly-ci:operator',
      ]);
      for (const item of res.body.items) expect(item).not.toHaveProperty('key');
      const text = JSON.stringify(res.body);
      for (const key of [ADMIN_KEY, viewerKey, operatorKey]) expect(text).not.toContain(key);
    });

    it('stores only a sha-256 hash of each key in api_key', async () => {
      const rows = await ctx.prisma.apiKey.findMany();
      expect(rows).toHaveLength(3);
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(byId.get(viewerId)).toMatchObject({ role: 'viewer', hash: sha256(viewerKey) });
      expect(byId.get(operatorId)).toMatchObject({ role: 'operator', hash: sha256(operatorKey) });
      for (const row of rows) expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
      const text = JSON.stringify(rows, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
      for (const key of [ADMIN_KEY, viewerKey, operatorKey]) expect(text).not.toContain(key);
    });

    it('refuses an unknown role or an empty name with a 400 naming the field', async () => {
      expectError(await ctx.http(app).post('/api-keys').send({ name: 'root', role: 'root' }), 400, 'role');
      expectError(await ctx.http(app).post('/api-keys').send({ name: '', role: 'viewer' }), 400, 'name');
      expectError(await ctx.http(app).post('/api-keys').send({ name: 'x', role: 'viewer', key: 'chosen' }), 400, 'key');
      expect(await ctx.prisma.apiKey.count()).toBe(3);
    });
  });

  describe('roles', () => {
    it('lets a viewer read but not write (403)', async () => {
      expect((await ctx.http(app, viewerKey).get('/workspaces')).status).toBe(200);
      const res = await ctx.http(app, viewerKey).post('/workspaces').send(workspaceBody('from-viewer'));
      expectError(res, 403);
      expect(res.body.message).toContain('operator');
      expect(await ctx.prisma.workspace.count()).toBe(0);
    });

    it('refuses a viewer with 403 before validating the body', async () => {
      expectError(await ctx.http(app, viewerKey).post('/workspaces').send({ name: '' }), 403);
    });

    it('keeps /api-keys from a viewer (403)', async () => {
      expectError(await ctx.http(app, viewerKey).get('/api-keys'), 403);
      expectError(await ctx.http(app, viewerKey).post('/api-keys').send({ name: 'escalate', role: 'admin' }), 403);
    });

    it('lets an operator register workspaces and request snapshots, and a viewer read them', async () => {
      const created = await ctx.http(app, operatorKey).post('/workspaces').send(workspaceBody('from-operator'));
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect((await ctx.http(app, operatorKey).patch(`/workspaces/${id}`).send({ schedule: '0 3 * * *' })).status).toBe(200);
      expect((await ctx.http(app, operatorKey).post(`/workspaces/${id}/snapshots`)).status).toBe(202);

      expect((await ctx.http(app, viewerKey).get(`/workspaces/${id}`)).status).toBe(200);
      expect((await ctx.http(app, viewerKey).get(`/workspaces/${id}/snapshots`)).status).toBe(200);
      // a viewer may read history: no snapshot has completed yet, so the answer is a 404 saying so, not a 403
      const resources = await ctx.http(app, viewerKey).get(`/workspaces/${id}/resources`);
      expect([resources.status, resources.body.message]).toEqual([404, "Workspace 'from-operator' has no completed snapshot yet"]);
      expectError(await ctx.http(app, viewerKey).patch(`/workspaces/${id}`).send({ schedule: '0 4 * * *' }), 403);
      expectError(await ctx.http(app, viewerKey).post(`/workspaces/${id}/snapshots`), 403);
      expectError(await ctx.http(app, viewerKey).delete(`/workspaces/${id}`), 403);
      expect((await ctx.prisma.workspace.findUniqueOrThrow({ where: { id } })).schedule).toBe('0 3 * * *');
    });

    it('keeps /api-keys from an operator (403)', async () => {
      expectError(await ctx.http(app, operatorKey).get('/api-keys'), 403);
      const res = await ctx.http(app, operatorKey).post('/api-keys').send({ name: 'escalate', role: 'admin' });
      expectError(res, 403);
      expect(res.body.message).toContain('admin');
      expectError(await ctx.http(app, operatorKey).delete(`/api-keys/${viewerId}`), 403);
      expect(await ctx.prisma.apiKey.count()).toBe(3);
      expect((await ctx.prisma.apiKey.findUniqueOrThrow({ where: { id: viewerId } })).revokedAt).toBeNull();
    });
  });

  describe('revocation', () => {
    it('revokes a key (204): it then gets 401, and the list shows it revoked', async () => {
      expect((await ctx.http(app, viewerKey).get('/workspaces')).status).toBe(200);
      const res = await ctx.http(app).delete(`/api-keys/${viewerId}`);
      expect(res.status).toBe(204);
      expect(res.text).toBe('');

      const denied = await ctx.http(app, viewerKey).get('/workspaces');
      expectError(denied, 401);
      expect(denied.body.message).toMatch(/revoked/);
      expect((await ctx.prisma.apiKey.findUniqueOrThrow({ where: { id: viewerId } })).revokedAt).toBeInstanceOf(Date);

      const list = await ctx.http(app).get('/api-keys');
      expect(list.body.items.find((k: { id: string }) => k.id === viewerId)).toMatchObject({ revokedAt: expect.any(String) });
      // the other keys are untouched
      expect((await ctx.http(app, operatorKey).get('/workspaces')).status).toBe(200);
    });

    it('refuses a revocation with a malformed id (400)', async () => {
      expectError(await ctx.http(app).delete('/api-keys/not-a-uuid'), 400);
    });
  });
});
