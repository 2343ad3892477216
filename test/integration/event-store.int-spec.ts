import { ConcurrencyError, IllegalStateError, ResourceChange } from '../../libs/core/src';
import { EventStore, PrismaService, SnapshotAppend } from '../../libs/store/src';
import { TestContext } from '../support/test-context';

describe('event store', () => {
  let ctx: TestContext;
  let store: EventStore;
  let workspaceId: string;

  beforeAll(async () => {
    ctx = await TestContext.create('event-store');
    store = new EventStore(ctx.prisma as unknown as PrismaService);
    workspaceId = (await ctx.prisma.workspace.create({ data: { name: 'es', baseUrl: 'http://example.invalid' } })).id;
  });
  afterAll(() => ctx.close());

  async function running() {
    return ctx.prisma.snapshot.create({ data: { workspaceId, status: 'running', trigger: 'manual' } });
  }

  function append(
    snapshotId: string,
    expectedVersion: number,
    changes: ResourceChange[],
    bodies = new Map<string, Record<string, unknown>>(),
  ): SnapshotAppend {
    return {
      workspaceId,
      snapshotId,
      expectedVersion,
      cause: 'snapshot',
      observedAt: new Date(),
      changes,
      bodies: bodies as SnapshotAppend['bodies'],
      renamedKeys: [],
      completion: { resourceCount: changes.length, unchanged: 0, rootHash: 'root', unavailableKinds: [], requests: 1, vanished: [] },
    };
  }

  const created = (id: string, hash: string): ResourceChange => ({
    type: 'ResourceCreated',
    kind: 'label',
    resourceId: id,
    naturalKey: id,
    blobHash: hash,
  });

  it('appends events, blobs, heads and the completion marker at consecutive versions', async () => {
    const snapshot = await running();
    const result = await store.appendSnapshot(
      append(
        snapshot.id,
        0,
        [created('a:1', 'h-a'), created('b:1', 'h-b')],
        new Map([
          ['h-a', { key: 'a' }],
          ['h-b', { key: 'b' }],
        ]),
      ),
    );
    expect(result).toMatchObject({ version: 3, created: 2, blobsAdded: 2 });
    const events = await ctx.prisma.event.findMany({ where: { workspaceId }, orderBy: { version: 'asc' } });
    expect(events.map((e) => [e.version, e.type])).toEqual([
      [1, 'ResourceCreated'],
      [2, 'ResourceCreated'],
      [3, 'SnapshotCompleted'],
    ]);
    expect(await ctx.prisma.resourceHead.count({ where: { workspaceId } })).toBe(2);
    expect((await ctx.prisma.snapshot.findUniqueOrThrow({ where: { id: snapshot.id } })).status).toBe('completed');
  });

  it('raises a ConcurrencyError for a stale expected version and writes nothing', async () => {
    const snapshot = await running();
    const before = { events: await ctx.prisma.event.count(), blobs: await ctx.prisma.blob.count() };
    await expect(
      store.appendSnapshot(append(snapshot.id, 1, [created('c:1', 'h-c')], new Map([['h-c', { key: 'c' }]]))),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await ctx.prisma.event.count()).toBe(before.events);
    expect(await ctx.prisma.blob.count()).toBe(before.blobs);
    expect((await ctx.prisma.snapshot.findUniqueOrThrow({ where: { id: snapshot.id } })).status).toBe('running');
    await ctx.prisma.snapshot.update({ where: { id: snapshot.id }, data: { status: 'failed' } });
  });

  it('refuses to complete a snapshot twice (a retried job)', async () => {
    const snapshot = await running();
    const version = (await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).streamVersion;
    await store.appendSnapshot(append(snapshot.id, version, []));
    await expect(store.appendSnapshot(append(snapshot.id, version + 1, []))).rejects.toBeInstanceOf(IllegalStateError);
  });

  it('keeps (workspace, version) unique even against raw inserts', async () => {
    await expect(
      ctx.prisma.$executeRawUnsafe(
        `INSERT INTO event (workspace_id, version, type, cause, observed_at) VALUES ($1::uuid, 1, 'Forged', 'snapshot', now())`,
        workspaceId,
      ),
    ).rejects.toThrow(/Unique|duplicate/i);
  });

  it('never updates an event: the database refuses', async () => {
    await expect(
      ctx.prisma.$executeRawUnsafe(`UPDATE event SET type = 'Rewritten' WHERE workspace_id = $1::uuid`, workspaceId),
    ).rejects.toThrow(/append-only/);
    await expect(ctx.prisma.event.updateMany({ where: { workspaceId }, data: { naturalKey: 'x' } })).rejects.toThrow(/append-only/);
    expect(await ctx.prisma.event.count({ where: { workspaceId, type: 'Rewritten' } })).toBe(0);
  });

  it('records a failure as one event and no resource event', async () => {
    const snapshot = await running();
    const before = await ctx.prisma.event.count({ where: { workspaceId } });
    const version = await store.appendFailure({ workspaceId, snapshotId: snapshot.id, cause: 'snapshot', error: 'boom', requests: 3 });
    const events = await ctx.prisma.event.findMany({ where: { workspaceId, version: { gt: before } } });
    expect(events.map((e) => e.type)).toEqual(['SnapshotFailed']);
    expect(events[0]!.version).toBe(version);
    expect(await store.appendFailure({ workspaceId, snapshotId: snapshot.id, cause: 'snapshot', error: 'again', requests: 0 })).toBe(-1);
  });
});
