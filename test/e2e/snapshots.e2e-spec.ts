import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { expectError } from '../support/api-helpers';
import { eventually, TestContext } from '../support/test-context';

interface SnapshotBody {
  id: string;
  workspaceId: string;
  status: string;
  trigger: string;
  version: number | null;
  resourceCount: number;
  requestedAt: string;
  changes: { created: number; updated: number; deleted: number; unchanged: number };
  error: string | null;
}

describe('e2e: snapshots and resources through the API, with a worker', () => {
  let ctx: TestContext;
  let app: INestApplication;
  let workspaceId: string;
  let firstSnapshotId: string;

  const http = () => ctx.http(app);
  const sim = () => ctx.sim.state.workspaces.get('staging')!;
  const waitForCompletion = (id: string) =>
    eventually(
      async () => {
        const res = await http().get(`/workspaces/${workspaceId}/snapshots/${id}`);
        expect(res.status).toBe(200);
        expect(res.body.status).not.toBe('failed');
        return res.body.status === 'completed' ? (res.body as SnapshotBody) : undefined;
      },
      30_000,
      `snapshot ${id} to complete`,
    );

  beforeAll(async () => {
    ctx = await TestContext.create('e2e-snapshots');
    app = await ctx.startApi();
    await ctx.startWorker();
    const res = await http().post('/workspaces').send({ name: 'staging', token: 'sim_staging', baseUrl: ctx.simUrl });
    expect(res.status).toBe(201);
    workspaceId = res.body.id;
  });
  afterAll(() => ctx.close());

  it('queues a snapshot (202 {snapshotId, jobId, status, joined})', async () => {
    const res = await http().post(`/workspaces/${workspaceId}/snapshots`);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      snapshotId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      jobId: expect.any(String),
      status: expect.stringMatching(/^(queued|running)$/),
      joined: false,
    });
    firstSnapshotId = res.body.snapshotId;
    const row = await ctx.prisma.snapshot.findUniqueOrThrow({ where: { id: firstSnapshotId } });
    expect(row).toMatchObject({ workspaceId, trigger: 'manual', jobId: res.body.jobId });
  });

  it('runs it on the worker until GET …/snapshots/:sid says completed', async () => {
    const done = await waitForCompletion(firstSnapshotId);
    expect(done).toMatchObject({
      id: firstSnapshotId,
      workspaceId,
      status: 'completed',
      trigger: 'manual',
      error: null,
      version: expect.any(Number),
    });
    expect(done.resourceCount).toBeGreaterThan(0);
    expect(done.changes).toMatchObject({ created: done.resourceCount, updated: 0, deleted: 0 });
    const row = await ctx.prisma.snapshot.findUniqueOrThrow({ where: { id: firstSnapshotId } });
    expect(row).toMatchObject({ status: 'completed', resourceCount: done.resourceCount, version: done.version });
    expect(await ctx.prisma.resourceHead.count({ where: { workspaceId } })).toBe(done.resourceCount);
  });

  it('shows the last completed snapshot on the workspace', async () => {
    const res = await http().get(`/workspaces/${workspaceId}`);
    expect(res.status).toBe(200);
    expect(res.body.lastSnapshot).toMatchObject({ id: firstSnapshotId, status: 'completed' });
    expect(res.body.version).toBeGreaterThan(0);
  });

  describe('GET /workspaces/:id/resources', () => {
    it('returns exactly the sources the simulator holds', async () => {
      const expected = [...sim().sources.values()].map((s) => s.id).sort();
      expect(expected.length).toBeGreaterThan(1);
      const res = await http().get(`/workspaces/${workspaceId}/resources?kind=source`);
      expect(res.status).toBe(200);
      expect(res.body.nextCursor).toBeNull();
      expect(res.body.items).toHaveLength(sim().sources.size);
      expect(res.body.items.map((r: { id: string }) => r.id).sort()).toEqual(expected);
      for (const item of res.body.items) {
        expect(item).toMatchObject({
          kind: 'source',
          id: expect.any(String),
          naturalKey: expect.any(String),
          version: expect.any(Number),
          hash: expect.any(String),
          body: expect.any(Object),
        });
      }
    });

    it('pages with limit and cursor, each source once', async () => {
      const total = sim().sources.size;
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await http().get(
          `/workspaces/${workspaceId}/resources?kind=source&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        for (const item of res.body.items) expect(item.kind).toBe('source');
        seen.push(...res.body.items.map((r: { id: string }) => r.id));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages <= total);
      expect(cursor).toBeNull();
      expect(pages).toBe(Math.ceil(total / 2));
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
      expect([...seen].sort()).toEqual([...sim().sources.values()].map((s) => s.id).sort());
    });

    it('lists every kind without a kind filter, paged', async () => {
      const heads = await ctx.prisma.resourceHead.count({ where: { workspaceId } });
      const first = await http().get(`/workspaces/${workspaceId}/resources?limit=500`);
      expect(first.status).toBe(200);
      let count = first.body.items.length;
      let cursor = first.body.nextCursor as string | null;
      while (cursor) {
        const next = await http().get(`/workspaces/${workspaceId}/resources?limit=500&cursor=${encodeURIComponent(cursor)}`);
        count += next.body.items.length;
        cursor = next.body.nextCursor;
      }
      expect(count).toBe(heads);
      expect(new Set(first.body.items.map((r: { kind: string }) => r.kind)).size).toBeGreaterThan(1);
    });

    it('refuses an unknown kind with a 400 naming kind', async () => {
      expectError(await http().get(`/workspaces/${workspaceId}/resources?kind=nonsense`), 400, 'kind');
    });

    it('refuses a bad limit or a forged cursor with a 400 naming the field', async () => {
      expectError(await http().get(`/workspaces/${workspaceId}/resources?limit=0`), 400, 'limit');
      expectError(await http().get(`/workspaces/${workspaceId}/resources?cursor=garbage`), 400, 'cursor');
    });

    it('answers 404 for an unknown workspace and 400 naming id for a malformed one', async () => {
      expectError(await http().get(`/workspaces/${randomUUID()}/resources?kind=source`), 404);
      expectError(await http().get('/workspaces/nope/resources'), 400, 'id');
    });
  });

  describe('GET /workspaces/:id/snapshots', () => {
    let secondSnapshotId: string;

    beforeAll(async () => {
      const res = await http().post(`/workspaces/${workspaceId}/snapshots`);
      expect(res.status).toBe(202);
      expect(res.body.joined).toBe(false);
      secondSnapshotId = res.body.snapshotId;
      expect(secondSnapshotId).not.toBe(firstSnapshotId);
      const done = await waitForCompletion(secondSnapshotId);
      // nothing changed in the simulator in between
      expect(done.changes).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    });

    it('lists snapshots newest first', async () => {
      const res = await http().get(`/workspaces/${workspaceId}/snapshots`);
      expect(res.status).toBe(200);
      expect(res.body.nextCursor).toBeNull();
      expect(res.body.items.map((s: SnapshotBody) => s.id)).toEqual([secondSnapshotId, firstSnapshotId]);
    });

    it('pages with limit and cursor', async () => {
      const first = await http().get(`/workspaces/${workspaceId}/snapshots?limit=1`);
      expect(first.status).toBe(200);
      expect(first.body.items.map((s: SnapshotBody) => s.id)).toEqual([secondSnapshotId]);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await http().get(`/workspaces/${workspaceId}/snapshots?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`);
      expect(second.status).toBe(200);
      expect(second.body.items.map((s: SnapshotBody) => s.id)).toEqual([firstSnapshotId]);
      expect(second.body.nextCursor).toBeNull();
    });

    it('filters by status and refuses an unknown one (400 naming status)', async () => {
      const completed = await http().get(`/workspaces/${workspaceId}/snapshots?status=completed`);
      expect(completed.body.items).toHaveLength(2);
      const failed = await http().get(`/workspaces/${workspaceId}/snapshots?status=failed`);
      expect(failed.body).toEqual({ items: [], nextCursor: null });
      expectError(await http().get(`/workspaces/${workspaceId}/snapshots?status=done`), 400, 'status');
    });

    it('refuses a bad limit or a forged cursor with a 400 naming the field', async () => {
      expectError(await http().get(`/workspaces/${workspaceId}/snapshots?limit=-1`), 400, 'limit');
      expectError(await http().get(`/workspaces/${workspaceId}/snapshots?cursor=garbage`), 400, 'cursor');
    });
  });

  describe('errors', () => {
    it('answers 404 when snapshotting an unknown workspace, and records nothing', async () => {
      const before = await ctx.prisma.snapshot.count();
      expectError(await http().post(`/workspaces/${randomUUID()}/snapshots`), 404);
      expect(await ctx.prisma.snapshot.count()).toBe(before);
    });

    it('answers 404 for an unknown snapshot and for a snapshot of another workspace', async () => {
      expectError(await http().get(`/workspaces/${workspaceId}/snapshots/${randomUUID()}`), 404);
      const other = await http().post('/workspaces').send({ name: 'other', token: 'sim_staging', baseUrl: ctx.simUrl });
      expect(other.status).toBe(201);
      expectError(await http().get(`/workspaces/${other.body.id}/snapshots/${firstSnapshotId}`), 404);
      expectError(await http().get(`/workspaces/${randomUUID()}/snapshots`), 404);
    });

    it('answers 400 naming id or sid for malformed ids', async () => {
      expectError(await http().post('/workspaces/abc/snapshots'), 400, 'id');
      expectError(await http().get(`/workspaces/${workspaceId}/snapshots/abc`), 400, 'sid');
    });
  });
});

describe('e2e: snapshot requests without a worker (deterministic joining)', () => {
  let ctx: TestContext;
  let app: INestApplication;
  let workspaceId: string;

  const http = () => ctx.http(app);

  beforeAll(async () => {
    ctx = await TestContext.create('e2e-snapshots-queued');
    app = await ctx.startApi();
    const res = await http().post('/workspaces').send({ name: 'staging', token: 'sim_staging', baseUrl: ctx.simUrl });
    expect(res.status).toBe(201);
    workspaceId = res.body.id;
  });
  afterAll(() => ctx.close());

  it('joins two concurrent requests into one snapshot, one of them joined: true', async () => {
    const [a, b] = await Promise.all([
      http().post(`/workspaces/${workspaceId}/snapshots`),
      http().post(`/workspaces/${workspaceId}/snapshots`),
    ]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.body.snapshotId).toBe(b.body.snapshotId);
    expect(a.body.jobId).toBe(b.body.jobId);
    expect([a.body.joined, b.body.joined].sort()).toEqual([false, true]);
    for (const res of [a, b]) expect(res.body.status).toBe('queued');
    const rows = await ctx.prisma.snapshot.findMany({ where: { workspaceId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: a.body.snapshotId, status: 'queued', jobId: a.body.jobId });
  });

  it('joins a later request to the one still queued', async () => {
    const [row] = await ctx.prisma.snapshot.findMany({ where: { workspaceId } });
    const res = await http().post(`/workspaces/${workspaceId}/snapshots`);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ snapshotId: row!.id, jobId: row!.jobId, status: 'queued', joined: true });
    expect(await ctx.prisma.snapshot.count({ where: { workspaceId } })).toBe(1);
  });

  it('shows the queued snapshot in the list and by id', async () => {
    const [row] = await ctx.prisma.snapshot.findMany({ where: { workspaceId } });
    const list = await http().get(`/workspaces/${workspaceId}/snapshots`);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ id: row!.id, status: 'queued', trigger: 'manual', version: null, finishedAt: null });
    const one = await http().get(`/workspaces/${workspaceId}/snapshots/${row!.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: row!.id, workspaceId, status: 'queued' });
    // no state to show yet: a 404 that says why, never an empty list that looks like an empty workspace
    const resources = await http().get(`/workspaces/${workspaceId}/resources`);
    expect(resources.status).toBe(404);
    expect(resources.body.message).toMatch(/no completed snapshot yet/);
    expect((await http().get(`/workspaces/${workspaceId}`)).body.lastSnapshot).toBeNull();
  });

  it('cancels the queued snapshot when the workspace is archived, and refuses new ones (404)', async () => {
    const [row] = await ctx.prisma.snapshot.findMany({ where: { workspaceId } });
    expect((await http().delete(`/workspaces/${workspaceId}`)).status).toBe(200);
    const after = await ctx.prisma.snapshot.findUniqueOrThrow({ where: { id: row!.id } });
    expect(after).toMatchObject({ status: 'failed', error: expect.stringContaining('archived'), finishedAt: expect.any(Date) });
    expectError(await http().post(`/workspaces/${workspaceId}/snapshots`), 404);
    expect(await ctx.prisma.snapshot.count({ where: { workspaceId } })).toBe(1);
    // the history stays readable
    const list = await http().get(`/workspaces/${workspaceId}/snapshots`);
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({ id: row!.id, status: 'failed' });
  });
});
