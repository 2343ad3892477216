import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { TokenCipher } from '../../libs/store/src';
import { expectError } from '../support/api-helpers';
import { eventually, TestContext } from '../support/test-context';

const TOKEN = 'sim_staging';

describe('e2e: the workspaces API', () => {
  let ctx: TestContext;
  let app: INestApplication;

  const http = () => ctx.http(app);
  const row = (id: string) => ctx.prisma.workspace.findUniqueOrThrow({ where: { id } });
  const create = (body: Record<string, unknown>) =>
    http()
      .post('/workspaces')
      .send({ token: TOKEN, baseUrl: ctx.simUrl, ...body });

  beforeAll(async () => {
    ctx = await TestContext.create('e2e-workspaces');
    app = await ctx.startApi();
    // the worker takes the snapshots that give a workspace a history to purge
    await ctx.startWorker();
  });
  afterAll(() => ctx.close());

  describe('POST /workspaces', () => {
    let id: string;

    it('registers a workspace (201) without ever echoing its token', async () => {
      const res = await http()
        .post('/workspaces')
        .send({ name: 'staging', token: TOKEN, baseUrl: ctx.simUrl, schedule: '30 1 * * *', timezone: 'Europe/Paris' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'staging',
        baseUrl: ctx.simUrl,
        region: null,
        tokenSet: true,
        schedule: '30 1 * * *',
        timezone: 'Europe/Paris',
        scheduleEnabled: true,
        status: 'active',
        archivedAt: null,
        lastSnapshot: null,
      });
      expect(res.body).not.toHaveProperty('token');
      expect(res.text).not.toContain(TOKEN);
      id = res.body.id;
    });

    it('stores the token only as AES-256-GCM ciphertext bound to the workspace', async () => {
      const stored = await row(id);
      const ciphertext = Buffer.from(stored.tokenCiphertext!);
      expect(ciphertext.includes(Buffer.from(TOKEN))).toBe(false);
      // 12-byte IV + 16-byte tag + the encrypted bytes
      expect(ciphertext.length).toBe(12 + 16 + Buffer.byteLength(TOKEN));
      expect(stored.tokenKeyId).toEqual(expect.any(String));
      const cipher = app.get(TokenCipher);
      expect(cipher.decrypt({ ciphertext, keyId: stored.tokenKeyId! }, id)).toBe(TOKEN);
      // the workspace id is the additional data: the ciphertext does not decrypt for another row
      expect(() => cipher.decrypt({ ciphertext, keyId: stored.tokenKeyId! }, randomUUID())).toThrow();
      // no column holds the token in clear
      expect(JSON.stringify({ ...stored, tokenCiphertext: null })).not.toContain(TOKEN);
    });

    it('reads it back with GET without the token', async () => {
      const res = await http().get(`/workspaces/${id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, name: 'staging', tokenSet: true, status: 'active' });
      expect(res.text).not.toContain(TOKEN);
    });

    it('defaults to the US region, a nightly schedule and UTC', async () => {
      const res = await http().post('/workspaces').send({ name: 'defaults', token: 'sometoken_1' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        baseUrl: 'https://api.segmentapis.com',
        region: 'us',
        schedule: '0 2 * * *',
        timezone: 'UTC',
        tokenSet: true,
      });
      expect(res.text).not.toContain('sometoken_1');
    });

    it("maps region 'eu' to https://eu1.api.segmentapis.com", async () => {
      const res = await http().post('/workspaces').send({ name: 'europe', token: 'eu_token_1', region: 'eu' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ region: 'eu', baseUrl: 'https://eu1.api.segmentapis.com' });
      expect(await row(res.body.id)).toMatchObject({ region: 'eu', baseUrl: 'https://eu1.api.segmentapis.com' });
    });

    it.each([
      ['an invalid cron', { schedule: 'every night' }, 'schedule'],
      ['a cron with too many fields', { schedule: '0 0 2 * * * *' }, 'schedule'],
      ['an unknown region', { region: 'mars', baseUrl: undefined }, 'region'],
      ['an empty token', { token: '' }, 'token'],
      ['a token with spaces', { token: 'sim staging' }, 'token'],
      ['a token that is not a string', { token: 42 }, 'token'],
      ['both baseUrl and region', { region: 'eu' }, 'region'],
      ['a baseUrl that is not a URL', { baseUrl: 'not a url' }, 'baseUrl'],
      ['an unknown extra field', { color: 'blue' }, 'color'],
      ['an unknown time zone', { timezone: 'Mars/Olympus_Mons' }, 'timezone'],
      ['an empty name', { name: '' }, 'name'],
      ['a missing name', { name: undefined }, 'name'],
    ])('refuses %s with a 400 naming the field', async (_, patch, field) => {
      const before = await ctx.prisma.workspace.count();
      const res = await create({ name: `invalid-${field}`, ...patch });
      expectError(res, 400, field);
      expect(res.text).not.toContain(TOKEN);
      expect(await ctx.prisma.workspace.count()).toBe(before);
    });

    it('refuses a missing token with a 400 naming it', async () => {
      expectError(await http().post('/workspaces').send({ name: 'no-token', baseUrl: ctx.simUrl }), 400, 'token');
    });

    it('refuses a body that is not JSON (400)', async () => {
      expectError(await http().post('/workspaces').set('Content-Type', 'application/json').send('{"name":'), 400);
    });

    it('refuses a second active workspace with the same name (409)', async () => {
      const res = await create({ name: 'staging' });
      expectError(res, 409);
      expect(res.text).not.toContain(TOKEN);
      expect(await ctx.prisma.workspace.count({ where: { name: 'staging' } })).toBe(1);
    });
  });

  describe('GET /workspaces/:id', () => {
    it('answers 400 naming id for a non-UUID id', async () => {
      expectError(await http().get('/workspaces/not-a-uuid'), 400, 'id');
      expectError(await http().patch('/workspaces/123').send({ schedule: '0 1 * * *' }), 400, 'id');
      expectError(await http().delete('/workspaces/123'), 400, 'id');
    });

    it('answers 404 for an unknown workspace', async () => {
      const unknown = randomUUID();
      expectError(await http().get(`/workspaces/${unknown}`), 404);
      expectError(await http().patch(`/workspaces/${unknown}`).send({ schedule: '0 1 * * *' }), 404);
      expectError(await http().delete(`/workspaces/${unknown}`), 404);
    });
  });

  describe('GET /workspaces (paged)', () => {
    it('pages with limit and nextCursor through every active workspace, once each', async () => {
      const all = await ctx.prisma.workspace.findMany({ where: { archivedAt: null } });
      expect(all.length).toBeGreaterThanOrEqual(3);
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < all.length + 2; page++) {
        const res = await http().get(`/workspaces?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(1);
        expect(res.text).not.toContain(TOKEN);
        seen.push(...res.body.items.map((w: { id: string }) => w.id));
        cursor = res.body.nextCursor;
        if (!cursor) break;
      }
      expect(cursor).toBeNull();
      expect(seen).toHaveLength(all.length);
      expect([...seen].sort()).toEqual(all.map((w) => w.id).sort());
    });

    it('answers the whole list on one page by default', async () => {
      const res = await http().get('/workspaces');
      expect(res.status).toBe(200);
      expect(res.body.nextCursor).toBeNull();
      expect(res.body.items.length).toBe(await ctx.prisma.workspace.count({ where: { archivedAt: null } }));
      for (const item of res.body.items) {
        expect(item).not.toHaveProperty('token');
        expect(item.tokenSet).toBe(true);
      }
    });

    it('refuses a bad limit or a forged cursor with a 400 naming the field', async () => {
      expectError(await http().get('/workspaces?limit=0'), 400, 'limit');
      expectError(await http().get('/workspaces?limit=abc'), 400, 'limit');
      expectError(await http().get('/workspaces?limit=1001'), 400, 'limit');
      expectError(await http().get('/workspaces?cursor=not-a-cursor'), 400, 'cursor');
      expectError(await http().get('/workspaces?includeArchived=yes'), 400, 'includeArchived');
      // a cursor that decodes but does not hold a workspace id
      const forged = Buffer.from(JSON.stringify({ id: 'x' })).toString('base64url');
      expectError(await http().get(`/workspaces?cursor=${forged}`), 400, 'cursor');
      expectError(await http().get('/workspaces?limit=1&limit=2'), 400, 'limit');
    });

    it.each([
      ['a null region', { region: null }, 'region'],
      ['a null baseUrl', { baseUrl: null }, 'baseUrl'],
      ['a null schedule', { schedule: null }, 'schedule'],
    ])('refuses %s on create with a 400 naming the field', async (_, body, field) => {
      expectError(await create({ name: `null-${field}`, ...body }), 400, field);
    });
  });

  describe('PATCH /workspaces/:id', () => {
    let id: string;

    beforeAll(async () => {
      id = (await create({ name: 'patched' })).body.id;
    });

    it('updates schedule and timezone', async () => {
      const res = await http().patch(`/workspaces/${id}`).send({ schedule: '15 4 * * 1-5', timezone: 'America/New_York' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, schedule: '15 4 * * 1-5', timezone: 'America/New_York', tokenSet: true });
      expect(await row(id)).toMatchObject({ schedule: '15 4 * * 1-5', timezone: 'America/New_York' });
      expect((await http().get(`/workspaces/${id}`)).body).toMatchObject({ schedule: '15 4 * * 1-5', timezone: 'America/New_York' });
    });

    it('replaces the token: new ciphertext, never returned', async () => {
      const before = await row(id);
      const res = await http().patch(`/workspaces/${id}`).send({ token: 'sim_rotated_token' });
      expect(res.status).toBe(200);
      expect(res.body).not.toHaveProperty('token');
      expect(res.body.tokenSet).toBe(true);
      expect(res.text).not.toContain('sim_rotated_token');
      const after = await row(id);
      const ciphertext = Buffer.from(after.tokenCiphertext!);
      expect(ciphertext.equals(Buffer.from(before.tokenCiphertext!))).toBe(false);
      expect(ciphertext.includes(Buffer.from('sim_rotated_token'))).toBe(false);
      expect(after.tokenFingerprint).not.toBe(before.tokenFingerprint);
      expect(app.get(TokenCipher).decrypt({ ciphertext, keyId: after.tokenKeyId! }, id)).toBe('sim_rotated_token');
      expect((await http().get(`/workspaces/${id}`)).text).not.toContain('sim_rotated_token');
    });

    it('switches between a base URL and a region', async () => {
      const eu = await http().patch(`/workspaces/${id}`).send({ region: 'eu', token: TOKEN });
      expect(eu.status).toBe(200);
      expect(eu.body).toMatchObject({ region: 'eu', baseUrl: 'https://eu1.api.segmentapis.com' });
      const back = await http()
        .patch(`/workspaces/${id}`)
        .send({ baseUrl: `${ctx.simUrl}/`, token: TOKEN });
      expect(back.status).toBe(200);
      expect(back.body).toMatchObject({ region: null, baseUrl: ctx.simUrl });
    });

    it.each([
      ['an invalid cron', { schedule: 'every night' }, 'schedule'],
      ['a bad time zone', { timezone: 'Nowhere/Special' }, 'timezone'],
      ['an empty token', { token: '' }, 'token'],
      ['a token with spaces', { token: 'a b' }, 'token'],
      ['an unknown region', { region: 'mars' }, 'region'],
      ['both baseUrl and region', { region: 'eu', baseUrl: 'http://127.0.0.1:1' }, 'region'],
      ['an unknown extra field', { owner: 'me' }, 'owner'],
      ['a non-boolean scheduleEnabled', { scheduleEnabled: 'yes' }, 'scheduleEnabled'],
      ['a null schedule', { schedule: null }, 'schedule'],
      ['a null timezone', { timezone: null }, 'timezone'],
      ['a null name', { name: null }, 'name'],
      ['a null token', { token: null }, 'token'],
      ['a null baseUrl', { baseUrl: null }, 'baseUrl'],
      ['a null scheduleEnabled', { scheduleEnabled: null }, 'scheduleEnabled'],
    ])('refuses %s with a 400 naming the field and changes nothing', async (_, body, field) => {
      const before = await row(id);
      expectError(await http().patch(`/workspaces/${id}`).send(body), 400, field);
      const after = await row(id);
      expect({ ...after, tokenCiphertext: Buffer.from(after.tokenCiphertext!).toString('hex') }).toEqual({
        ...before,
        tokenCiphertext: Buffer.from(before.tokenCiphertext!).toString('hex'),
      });
    });

    it('refuses renaming onto another active workspace (409)', async () => {
      expectError(await http().patch(`/workspaces/${id}`).send({ name: 'staging' }), 409);
      expect((await row(id)).name).toBe('patched');
    });
  });

  describe('DELETE /workspaces/:id (archive)', () => {
    let id: string;

    beforeAll(async () => {
      id = (await create({ name: 'to-archive' })).body.id;
    });

    it('archives by default: status archived, token erased, still readable', async () => {
      const res = await http().delete(`/workspaces/${id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id,
        name: 'to-archive',
        status: 'archived',
        tokenSet: false,
        archivedAt: expect.any(String),
        scheduleEnabled: false,
      });
      expect(await row(id)).toMatchObject({ tokenCiphertext: null, archivedAt: expect.any(Date) });

      const read = await http().get(`/workspaces/${id}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id, status: 'archived', tokenSet: false });
    });

    it('hides it from the list unless includeArchived=true', async () => {
      const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((w) => w.id);
      expect(ids(await http().get('/workspaces'))).not.toContain(id);
      expect(ids(await http().get('/workspaces?includeArchived=false'))).not.toContain(id);
      const all = await http().get('/workspaces?includeArchived=true');
      expect(ids(all)).toContain(id);
      expect(all.body.items.find((w: { id: string }) => w.id === id)).toMatchObject({ status: 'archived' });
    });

    it('refuses to update or re-archive an archived workspace (404)', async () => {
      expectError(await http().patch(`/workspaces/${id}`).send({ schedule: '0 1 * * *' }), 404);
      expectError(await http().delete(`/workspaces/${id}`), 404);
    });

    it('lets its name be registered again', async () => {
      const res = await create({ name: 'to-archive' });
      expect(res.status).toBe(201);
      expect(res.body.id).not.toBe(id);
      expect(await ctx.prisma.workspace.count({ where: { name: 'to-archive' } })).toBe(2);
      expect((await http().get(`/workspaces/${id}`)).body.status).toBe('archived');
    });
  });

  describe('DELETE /workspaces/:id?purge=true (purge)', () => {
    let id: string;

    beforeAll(async () => {
      id = (await create({ name: 'to-purge' })).body.id;
      // give it a history: one completed snapshot taken by the worker
      const requested = await http().post(`/workspaces/${id}/snapshots`);
      expect(requested.status).toBe(202);
      await eventually(
        async () => (await http().get(`/workspaces/${id}/snapshots/${requested.body.snapshotId}`)).body.status === 'completed',
        30_000,
        'the snapshot to complete',
      );
    });

    it('has a history to lose', async () => {
      expect(await ctx.prisma.event.count({ where: { workspaceId: id } })).toBeGreaterThan(0);
      expect(await ctx.prisma.snapshot.count({ where: { workspaceId: id } })).toBe(1);
      expect(await ctx.prisma.resourceHead.count({ where: { workspaceId: id } })).toBeGreaterThan(0);
    });

    it('refuses a purge without confirm (400 naming confirm)', async () => {
      expectError(await http().delete(`/workspaces/${id}?purge=true`), 400, 'confirm');
      expect(await row(id)).toMatchObject({ archivedAt: null });
    });

    it('refuses a purge with the wrong confirm (400 naming confirm)', async () => {
      expectError(await http().delete(`/workspaces/${id}?purge=true&confirm=staging`), 400, 'confirm');
      expectError(await http().delete(`/workspaces/${id}?purge=true&confirm=TO-PURGE`), 400, 'confirm');
      expect(await ctx.prisma.workspace.findUnique({ where: { id } })).not.toBeNull();
      expect(await ctx.prisma.event.count({ where: { workspaceId: id } })).toBeGreaterThan(0);
    });

    it('refuses a purge flag that is not true/false (400 naming purge)', async () => {
      expectError(await http().delete(`/workspaces/${id}?purge=yes&confirm=to-purge`), 400, 'purge');
      expect(await ctx.prisma.workspace.findUnique({ where: { id } })).not.toBeNull();
    });

    it('purges with the right name (204): the workspace, its events, heads and snapshots are gone', async () => {
      const res = await http().delete(`/workspaces/${id}?purge=true&confirm=to-purge`);
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect(await ctx.prisma.workspace.findUnique({ where: { id } })).toBeNull();
      expect(await ctx.prisma.event.count({ where: { workspaceId: id } })).toBe(0);
      expect(await ctx.prisma.snapshot.count({ where: { workspaceId: id } })).toBe(0);
      expect(await ctx.prisma.resourceHead.count({ where: { workspaceId: id } })).toBe(0);
      expectError(await http().get(`/workspaces/${id}`), 404);
      expectError(await http().get(`/workspaces/${id}/snapshots`), 404);
    });

    it('purges an archived workspace too', async () => {
      const archivedId = (await create({ name: 'archived-then-purged' })).body.id as string;
      expect((await http().delete(`/workspaces/${archivedId}`)).status).toBe(200);
      expectError(await http().delete(`/workspaces/${archivedId}?purge=true`), 400, 'confirm');
      expect((await http().delete(`/workspaces/${archivedId}?purge=true&confirm=archived-then-purged`)).status).toBe(204);
      expect(await ctx.prisma.workspace.findUnique({ where: { id: archivedId } })).toBeNull();
    });

    it('leaves other workspaces alone', async () => {
      expect(await ctx.prisma.workspace.count({ where: { name: 'staging', archivedAt: null } })).toBe(1);
    });
  });
});
