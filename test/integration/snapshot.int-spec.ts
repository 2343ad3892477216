import { INestApplicationContext } from '@nestjs/common';
import { TakeSnapshotService } from '../../apps/worker/src/snapshots/take-snapshot.service';
import { eventsOf, registerWorkspace, snapshotNow } from '../support/snapshot-helpers';
import { TestContext } from '../support/test-context';
import { FEATURES } from '../../apps/segment-sim/src/state/workspace-state';

describe('snapshots: event-sourced capture of a simulator workspace', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let workspaceId: string;
  const sim = () => ctx.sim.state.workspaces.get('staging')!;
  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${ctx.simUrl}${path}`, {
      method,
      headers: { Authorization: 'Bearer sim_staging', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

  beforeAll(async () => {
    ctx = await TestContext.create('snapshot-flow', { workspaces: [{ slug: 'staging', token: 'sim_staging', size: 300, env: 'staging' }] });
    worker = await ctx.startWorker();
    workspaceId = (await registerWorkspace(ctx, worker)).id;
  });
  afterAll(() => ctx.close());

  it('records every resource of the first snapshot as created, with its completion marker', async () => {
    const { outcome, snapshot } = await snapshotNow(worker, workspaceId);
    expect(outcome).toBe('completed');
    const events = await eventsOf(ctx, workspaceId);
    const created = events.filter((e) => e.type === 'ResourceCreated');
    expect(created.length).toBe(snapshot.resourceCount);
    expect(events[events.length - 1]!.type).toBe('SnapshotCompleted');
    expect(snapshot).toMatchObject({ status: 'completed', created: created.length, updated: 0, deleted: 0, version: events.length });
    expect(snapshot.unavailableKinds).toEqual([]);
    const heads = await ctx.prisma.resourceHead.count({ where: { workspaceId } });
    expect(heads).toBe(created.length);
    // every kind of the simulator made it in
    const kinds = new Set(created.map((e) => e.kind));
    for (const kind of [
      'source',
      'destination',
      'destination-filter',
      'destination-subscription',
      'tracking-plan-rule',
      'warehouse-connection',
      'function',
      'user-group',
      'user',
      'invite',
      'role',
      'label',
    ]) {
      expect(kinds).toContain(kind);
    }
    // masked secrets are recorded as "secret, unknown", never as the mask or the value
    const blob = await ctx.prisma.blob.findFirst({ where: { body: { path: ['settings', 'apiKey'], equals: { $secret: 'unknown' } } } });
    expect(blob).not.toBeNull();
    const leaked = await ctx.prisma.$queryRawUnsafe<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM blob WHERE body::text LIKE '%••%'`,
    );
    expect(leaked[0]!.n).toBe(0);
  });

  it('records exactly the changes made between two snapshots, and nothing else', async () => {
    const before = (await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).streamVersion;
    const destination = sim()
      .destinations.values()
      .find(
        (d) =>
          !sim()
            .insertFunctionInstances.values()
            .some((i) => i.integrationId === d.id),
      )!;
    // delete it together with its filters and subscriptions? Only a destination without children keeps this to one event.
    const lonely =
      sim()
        .destinations.values()
        .find(
          (d) =>
            !sim().filters.get(d.id)?.size &&
            !sim().subscriptions.get(d.id)?.size &&
            !sim()
              .insertFunctionInstances.values()
              .some((i) => i.integrationId === d.id),
        ) ?? destination;
    expect((await api('DELETE', `/destinations/${lonely.id}`)).status).toBe(200);
    const [filterDestination, filters] = [...sim().filters].find(([, c]) => c.size > 0)!;
    const filter = filters.values()[0]!;
    expect((await api('PATCH', `/destination/${filterDestination}/filters/${filter.id}`, { if: 'event = "Changed In Test"' })).status).toBe(
      200,
    );
    const javascript = ctx.sim.state.catalog.sources.find((s) => s.slug === 'javascript')!;
    const added = await api('POST', '/sources', { slug: 'added-in-test', enabled: true, metadataId: javascript.id });
    expect(added.status).toBe(201);

    const { snapshot } = await snapshotNow(worker, workspaceId);
    const events = await eventsOf(ctx, workspaceId, before);
    const resourceEvents = events.filter((e) => e.type.startsWith('Resource'));
    expect(resourceEvents.map((e) => `${e.type} ${e.kind} ${e.resourceId}`).sort()).toEqual(
      [
        `ResourceDeleted destination ${lonely.id}`,
        `ResourceUpdated destination-filter ${filter.id}`,
        `ResourceCreated source ${added.body.data.source.id}`,
      ].sort(),
    );
    expect(events.map((e) => e.type).filter((t) => !t.startsWith('Resource'))).toEqual(['SnapshotCompleted']);
    expect(snapshot).toMatchObject({ created: 1, updated: 1, deleted: 1 });
    expect(
      await ctx.prisma.resourceHead.findUnique({
        where: { workspaceId_kind_resourceId: { workspaceId, kind: 'destination', resourceId: lonely.id } },
      }),
    ).toBeNull();
  });

  it('appends only the completion marker and no blob when nothing changed', async () => {
    const before = (await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).streamVersion;
    const blobs = await ctx.prisma.blob.count();
    const previous = await ctx.prisma.snapshot.findFirstOrThrow({
      where: { workspaceId, status: 'completed' },
      orderBy: { version: 'desc' },
    });
    const { snapshot } = await snapshotNow(worker, workspaceId);
    const events = await eventsOf(ctx, workspaceId, before);
    expect(events.map((e) => e.type)).toEqual(['SnapshotCompleted']);
    expect(await ctx.prisma.blob.count()).toBe(blobs);
    expect(snapshot).toMatchObject({ created: 0, updated: 0, deleted: 0, bytesAdded: BigInt(0), rootHash: previous.rootHash });
  });

  it('never records a change twice when a finished snapshot is run again (a retried job)', async () => {
    const { snapshot } = await snapshotNow(worker, workspaceId);
    const version = (await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).streamVersion;
    expect(await worker.get(TakeSnapshotService).run(workspaceId, snapshot.id)).toBe('skipped');
    expect((await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).streamVersion).toBe(version);
  });

  it('records kinds the workspace lacks the feature for as unavailable, and infers no deletion', async () => {
    const plans = await ctx.prisma.resourceHead.count({ where: { workspaceId, kind: 'tracking-plan' } });
    expect(plans).toBeGreaterThan(0);
    ctx.sim.state.setFeatures('staging', []);
    try {
      const { snapshot } = await snapshotNow(worker, workspaceId);
      expect(snapshot.status).toBe('completed');
      expect(snapshot.unavailableKinds).toEqual(
        expect.arrayContaining([
          'tracking-plan',
          'tracking-plan-rule',
          'transformation',
          'function',
          'destination-subscription',
          'source-schema-settings',
        ]),
      );
      expect(snapshot.deleted).toBe(0);
      expect(await ctx.prisma.resourceHead.count({ where: { workspaceId, kind: 'tracking-plan' } })).toBe(plans);
    } finally {
      ctx.sim.state.setFeatures('staging', [...FEATURES]);
    }
  });
});
