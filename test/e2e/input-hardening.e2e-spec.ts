import type { Server } from 'node:http';
import { AddressInfo, connect } from 'node:net';
import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { expectError } from '../support/api-helpers';
import { registerWorkspace, snapshotNow } from '../support/snapshot-helpers';
import { eventually, TestContext } from '../support/test-context';

/** Issue 10: hostile inputs are refused with a 400 (413/414/409) naming the field, never a 500. */
describe('e2e: hostile input is refused, naming the field', () => {
  let ctx: TestContext;
  let app: INestApplication;
  let workspaceId: string;
  const http = () => ctx.http(app);

  beforeAll(async () => {
    ctx = await TestContext.create('e2e-input-hardening');
    app = await ctx.startApi();
    const worker = await ctx.startWorker();
    workspaceId = (await registerWorkspace(ctx, app)).id;
    await registerWorkspace(ctx, app, 'production');
    // a version to read, diff and page through
    await snapshotNow(worker, workspaceId);
  });
  afterAll(() => ctx.close());

  describe('name patterns (finding 1)', () => {
    it('a pattern longer than 256 characters is a 400 naming select.names, before anything is planned', async () => {
      const res = await http()
        .post(`/workspaces/${workspaceId}/restores`)
        .send({ to: 'latest', select: { names: [`${'*'.repeat(200)}${'a'.repeat(57)}#`] } });
      expectError(res, 400, 'select.names');
      expect(await ctx.prisma.plan.count()).toBe(0);
    });

    it('too many patterns is a 400 naming include.names / exclude.names', async () => {
      const names = Array.from({ length: 201 }, (_, i) => `n${i}*`);
      expectError(
        await http()
          .post('/copies')
          .send({ from: { workspace: 'staging' }, to: 'production', include: { names } }),
        400,
        'include.names',
      );
      expectError(
        await http()
          .post('/copies')
          .send({ from: { workspace: 'staging' }, to: 'production', exclude: { names: ['x'.repeat(257)] } }),
        400,
        'exclude.names',
      );
      expect(await ctx.prisma.plan.count()).toBe(0);
    });
  });
  describe('NUL characters (finding 6)', () => {
    it('in a name, a workspace reference, a resource id or a query value: a 400 naming it, nothing written', async () => {
      const before = await ctx.prisma.workspace.count();
      expectError(await http().post('/workspaces').send({ name: 'a\u0000b', token: 'sim_staging', baseUrl: ctx.simUrl }), 400, 'name');
      expectError(await http().patch(`/workspaces/${workspaceId}`).send({ name: 'x\u0000' }), 400, 'name');
      expectError(
        await http()
          .post('/copies')
          .send({ from: { workspace: 'stag\u0000ing' }, to: 'production' }),
        400,
        'from.workspace',
      );
      expectError(
        await http()
          .post('/copies')
          .send({ from: { workspace: 'staging' }, to: 'production\u0000' }),
        400,
        'to',
      );
      expectError(await http().get(`/workspaces/${workspaceId}/resources/source/ab%00c/history`), 400, 'rid');
      expectError(await http().get(`/workspaces/${workspaceId}/resources`).query({ name: 'we\u0000b' }), 400, 'name');
      expectError(await http().get(`/workspaces/${workspaceId}/resources`).query({ kind: '\u0000' }), 400, 'kind');
      expectError(await http().get('/workspaces').query({ cursor: 'a\u0000' }), 400, 'cursor');
      expect(await ctx.prisma.workspace.count()).toBe(before);
      expect((await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).name).toBe('staging');
    });
  });
  describe('request limits (findings 6 and 8)', () => {
    const raw = (path: string, body: Buffer | string) =>
      http()
        .post(path)
        .set('Content-Type', 'application/json')
        .serialize((data: unknown) => data as string)
        .send(body as string);

    it('invalid UTF-8 in a JSON body is a 400 naming the body, not silently replaced', async () => {
      const body = Buffer.concat([Buffer.from('{"name":"caf'), Buffer.from([0xc3, 0x28]), Buffer.from('","token":"sim_staging"}')]);
      const res = await raw('/workspaces', body);
      expectError(res, 400, 'body');
      expect(res.body.message).toBe('body must be valid UTF-8');
      expect(await ctx.prisma.workspace.count({ where: { name: { startsWith: 'caf' } } })).toBe(0);
    });

    it('JSON nested deeper than 64 levels is a 400, refused before parsing', async () => {
      const deep = `{"to":"latest","select":{"names":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`;
      const res = await raw(`/workspaces/${workspaceId}/restores`, deep);
      expectError(res, 400, 'body');
      expect(res.body.message).toBe('body must not nest deeper than 64 levels');
      // 64 levels still parse (and are then refused by validation for what they are)
      const fine = `{"to":"latest","select":{"names":${'['.repeat(60)}${']'.repeat(60)}}}`;
      expectError(await raw(`/workspaces/${workspaceId}/restores`, fine), 400, 'select.names');
      expect(await ctx.prisma.plan.count()).toBe(0);
    });

    it('a body over 1 MB is a 413 naming the body', async () => {
      const res = await raw('/workspaces', JSON.stringify({ name: 'big', token: 'x'.repeat(1_100_000) }));
      expectError(res, 413, 'body');
      expect(res.body.message).toBe('body must be at most 1048576 bytes');
    });

    it('what Node refuses before Express (headers over 16 KB, broken HTTP) is answered in the same shape', async () => {
      const server = app.getHttpServer() as Server;
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const send = (text: string) =>
        new Promise<string>((resolve) => {
          const socket = connect(port, '127.0.0.1', () => socket.end(text));
          let answer = '';
          socket.on('data', (chunk) => (answer += chunk.toString()));
          socket.on('close', () => resolve(answer));
          socket.on('error', () => resolve(answer));
        });
      try {
        const headers = await send(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'y'.repeat(20_000)}\r\n\r\n`);
        expect(headers).toMatch(/^HTTP\/1\.1 431 /);
        expect(JSON.parse(headers.slice(headers.indexOf('\r\n\r\n') + 4))).toMatchObject({
          statusCode: 431,
          details: { field: 'headers' },
        });
        const broken = await send('NOT HTTP AT ALL\r\n\r\n');
        expect(broken).toMatch(/^HTTP\/1\.1 400 /);
        expect(JSON.parse(broken.slice(broken.indexOf('\r\n\r\n') + 4))).toMatchObject({ statusCode: 400, details: { field: 'request' } });
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('a URL over 8 KB is a 414 naming the url, 100 KB ones included (Node would drop the connection)', async () => {
      for (const size of [10_000, 100_000]) {
        const res = await http().get(`/workspaces?cursor=${'a'.repeat(size)}`);
        expectError(res, 414, 'url');
      }
      // the server still answers afterwards
      expect((await http().get('/workspaces')).status).toBe(200);
    });
  });
  describe('cursors (finding 6)', () => {
    const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const ID = '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60';

    it('a cursor the API made pages on; a forged, altered or oversized one is a 400 naming cursor', async () => {
      const first = await http().get('/workspaces').query({ limit: 1 });
      expect(first.status).toBe(200);
      const next = first.body.nextCursor as string;
      const second = await http().get('/workspaces').query({ limit: 1, cursor: next });
      expect(second.status).toBe(200);
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);

      const [, signature] = next.split('.');
      const forged = [
        forge({ id: ID }),
        `${forge({ id: ID })}.${signature}`,
        `${next.slice(0, -1)}${next.endsWith('A') ? 'B' : 'A'}`,
        'x'.repeat(2000),
      ];
      for (const cursor of forged) expectError(await http().get('/workspaces').query({ cursor }), 400, 'cursor');
    });

    it("the issue's forged cursors are 400s, not 500s", async () => {
      const cases: Array<[string, unknown]> = [
        [`/workspaces/${workspaceId}/snapshots`, { at: '-271821-04-20T00:00:00.000Z', id: ID }],
        [`/workspaces/${workspaceId}/snapshots`, { at: 'garbage', id: ID }],
        [`/workspaces/${workspaceId}/plans`, { at: '-271821-04-20T00:00:00.000Z', id: ID }],
        [`/workspaces/${workspaceId}/resources`, { v: 1.5, k: 'source', i: 'x' }],
        [`/workspaces/${workspaceId}/diff?from=latest&to=latest`, { o: 1e300, q: 'x' }],
      ];
      for (const [path, value] of cases) {
        for (const cursor of [forge(value), `${forge(value)}.${'A'.repeat(43)}`])
          expectError(await http().get(path).query({ cursor }), 400, 'cursor');
      }
    });
  });
  describe('number maxima (finding 6)', () => {
    it('retentionDays beyond 100 years (or beyond a 32-bit column) is a 400 naming it, nothing written', async () => {
      for (const retentionDays of [36_501, 2 ** 31, 1e300, 2 ** 53 + 2]) {
        expectError(await http().patch(`/workspaces/${workspaceId}`).send({ retentionDays }), 400, 'retentionDays');
        expectError(
          await http()
            .post('/workspaces')
            .send({ name: `r${retentionDays}`, token: 'sim_x', baseUrl: ctx.simUrl, retentionDays }),
          400,
          'retentionDays',
        );
      }
      expect((await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).retentionDays).toBeNull();
      expect(await http().patch(`/workspaces/${workspaceId}`).send({ retentionDays: 36_500 })).toHaveProperty('status', 200);
    });

    it('a version beyond 32 bits is a 400 naming the field; limits beyond 1000 too', async () => {
      expectError(await http().post(`/workspaces/${workspaceId}/restores`).send({ to: '2147483648' }), 400, 'to');
      expectError(await http().get(`/workspaces/${workspaceId}/diff`).query({ from: '99999999999' }), 400, 'from');
      expectError(await http().get(`/workspaces/${workspaceId}/resources`).query({ at: '2147483648' }), 400, 'at');
      expectError(await http().get('/workspaces').query({ limit: '1e300' }), 400, 'limit');
      expectError(await http().get('/workspaces').query({ limit: '-1' }), 400, 'limit');
      expect(await ctx.prisma.plan.count()).toBe(0);
    });
  });
  describe('plan secrets (finding 7)', () => {
    const secret = (overrides: Record<string, unknown>) => ({
      kind: 'destination',
      resource: 'x',
      field: 'settings.apiKey',
      value: 's3cret',
      ...overrides,
    });
    const restore = (secrets: unknown[]) => http().post(`/workspaces/${workspaceId}/restores`).send({ to: 'latest', secrets });

    it('a value that is not a string is a 400 naming it', async () => {
      for (const value of [42, { nested: 'x' }, ['a'], true, null]) expectError(await restore([secret({ value })]), 400, 'secrets.0.value');
      expect(await ctx.prisma.plan.count()).toBe(0);
    });

    it('a field reaching a prototype is a 400 naming it', async () => {
      for (const field of ['__proto__', '__proto__.polluted', 'constructor.prototype', '/settings/__proto__', 'settings.prototype'])
        expectError(await restore([secret({ field })]), 400, 'secrets.0.field');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(await ctx.prisma.plan.count()).toBe(0);
    });

    it('a secret naming a resource the restored state does not hold is a 400 naming it', async () => {
      const res = await restore([secret({ resource: 'no-such-destination' })]);
      expectError(res, 400, 'secrets[0].resource');
      expect(res.body.message).toContain("'no-such-destination'");
      // the same for a copy from a version
      const copy = await http()
        .post('/copies')
        .send({ from: { workspace: 'staging', at: 'latest' }, to: 'production', secrets: [secret({}), secret({ resource: 'y' })] });
      expectError(copy, 400, 'secrets[0].resource');
      expect(await ctx.prisma.plan.count()).toBe(0);
    });

    it('a copy of the live source (known only when planning) fails its plan, naming the secret', async () => {
      const res = await http()
        .post('/copies')
        .send({ from: { workspace: 'staging' }, to: 'production', dryRun: true, secrets: [secret({ resource: 'nowhere' })] });
      expect(res.status).toBe(202);
      const plan = await eventually(async () => {
        const row = await ctx.prisma.plan.findUniqueOrThrow({ where: { id: res.body.planId } });
        return row.status !== 'planning' && row;
      }, 60_000);
      expect(plan.status).toBe('failed');
      expect(plan.error).toContain("secrets[0].resource names no destination of the state restored or copied: 'nowhere'");
      await ctx.prisma.plan.deleteMany({});
    });
  });
  describe('workspace names (finding 8)', () => {
    it("a name that is a UUID, another workspace's id included, is a 400 naming name", async () => {
      const other = await ctx.prisma.workspace.findFirstOrThrow({ where: { name: 'production' } });
      const before = await ctx.prisma.workspace.count();
      for (const name of [
        randomUUID(),
        other.id,
        other.id.toUpperCase(),
        other.id.replaceAll('-', ''),
        '00000000-0000-0000-0000-000000000001',
      ]) {
        expectError(await http().post('/workspaces').send({ name, token: 'sim_staging', baseUrl: ctx.simUrl }), 400, 'name');
        expectError(await http().patch(`/workspaces/${workspaceId}`).send({ name }), 400, 'name');
      }
      expect(await ctx.prisma.workspace.count()).toBe(before);
      expect((await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).name).toBe('staging');
      // copies still find the workspace by its id, unambiguously
      expectError(
        await http()
          .post('/copies')
          .send({ from: { workspace: other.id }, to: other.id }),
        400,
        'to',
      );
    });
  });
});
