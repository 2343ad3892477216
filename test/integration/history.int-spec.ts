import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import { Readable } from 'node:stream';
import { expectError } from '../support/api-helpers';
import { observeLive, registerWorkspace, snapshotNow } from '../support/snapshot-helpers';
import { sleep, TestContext } from '../support/test-context';

type Live = Awaited<ReturnType<typeof observeLive>>;

/** Every resource of a version through the API, paging to the end. */
async function stateThroughApi(http: ReturnType<TestContext['http']>, workspaceId: string, at: string) {
  const items: Array<{ kind: string; id: string; naturalKey: string; body: unknown; version: number }> = [];
  let cursor: string | null = null;
  let meta: any;
  do {
    const response = await http.get(
      `/workspaces/${workspaceId}/resources?at=${encodeURIComponent(at)}&limit=1000${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(response.status).toBe(200);
    meta = response.body.at;
    items.push(...response.body.items);
    cursor = response.body.nextCursor;
  } while (cursor);
  return { at: meta, items };
}

async function untar(buffer: Buffer): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const extractor = extract();
  const done = new Promise<void>((resolve, reject) => {
    extractor.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => chunks.push(c as Buffer));
      stream.on('end', () => {
        files.set(header.name, Buffer.concat(chunks).toString('utf8'));
        next();
      });
    });
    extractor.on('finish', resolve);
    extractor.on('error', reject);
  });
  Readable.from(gunzipSync(buffer)).pipe(extractor);
  await done;
  return files;
}

const binary = (res: any, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('history: state at a version, timelines, diffs and exports on real Postgres', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let api: INestApplication;
  let http: ReturnType<TestContext['http']>;
  let stagingId: string;
  let productionId: string;
  /** What the simulator held when each snapshot was taken, by the version that snapshot got. */
  const kept: Array<{ version: number; observedAt: Date; live: Live; simIds: Record<string, string[]> }> = [];
  const sim = (slug = 'staging') => ctx.sim.state.workspaces.get(slug)!;
  const segment = (method: string, path: string, body?: unknown, token = 'sim_staging') =>
    fetch(`${ctx.simUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(async (r) => {
      const json = (await r.json()) as any;
      if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(json)}`);
      return json.data;
    });

  /** Resource ids straight from the simulator's own memory, for the kinds whose id is Segment's id. */
  const simIds = (slug = 'staging'): Record<string, string[]> => {
    const ws = sim(slug);
    const children = <T extends { id: string }>(map: Map<string, { values(): T[] }>) =>
      [...map.values()].flatMap((c) => c.values().map((x) => x.id));
    return {
      source: ws.sources.values().map((x) => x.id),
      destination: ws.destinations.values().map((x) => x.id),
      'destination-filter': children(ws.filters),
      'destination-subscription': children(ws.subscriptions),
      warehouse: ws.warehouses.values().map((x) => x.id),
      'tracking-plan': ws.trackingPlans.values().map((x) => x.id),
      function: ws.functions.values().map((x) => x.id),
      transformation: ws.transformations.values().map((x) => x.id),
      'user-group': ws.userGroups.values().map((x) => x.id),
      user: ws.users.values().map((x) => x.id),
      'reverse-etl-model': ws.reverseEtlModels.values().map((x) => x.id),
      'insert-function-instance': ws.insertFunctionInstances.values().map((x) => x.id),
    };
  };

  async function snapshotAndKeep() {
    const live = await observeLive(worker, stagingId);
    const ids = simIds();
    const { snapshot } = await snapshotNow(worker, stagingId);
    expect(snapshot.status).toBe('completed');
    kept.push({ version: snapshot.version!, observedAt: snapshot.finishedAt!, live, simIds: ids });
    return snapshot;
  }

  // The destination edited three times, one snapshot after each edit.
  let edited: { id: string; name: string };
  const laterSteps: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    ctx = await TestContext.create('history', {
      workspaces: [
        { slug: 'staging', token: 'sim_staging', size: 400, seed: 'twins', env: 'env' },
        { slug: 'production', token: 'sim_production', size: 400, seed: 'twins', env: 'env' },
      ],
    });
    worker = await ctx.startWorker();
    api = await ctx.startApi();
    http = ctx.http(api);
    stagingId = (await registerWorkspace(ctx, worker, 'staging', 'sim_staging')).id;
    productionId = (await registerWorkspace(ctx, worker, 'production', 'sim_production')).id;

    // renaming it moves its filters' natural keys too: the log must record that (NaturalKeyChanged)
    const destination = sim()
      .destinations.values()
      .find((d) => d.enabled && Object.keys(d.settings ?? {}).length > 0 && (sim().filters.get(d.id)?.size ?? 0) > 1)!;
    edited = { id: destination.id, name: destination.name ?? '' };
    const plan = sim().trackingPlans.values()[0]!;
    const [filterDestination, filters] = [...sim().filters].find(([, c]) => c.size > 0)!;
    const javascript = ctx.sim.state.catalog.sources.find((s) => s.slug === 'javascript')!;
    const settingKey = Object.keys(destination.settings).find(
      (k) => typeof destination.settings[k] === 'string' && !/key|secret|token|password/i.test(k),
    );

    await snapshotAndKeep(); // v1: as generated
    laterSteps.push(
      async () => {
        await segment('PATCH', `/destinations/${destination.id}`, { name: `${destination.name} renamed` });
        await segment('PATCH', `/destination/${filterDestination}/filters/${filters.values()[0]!.id}`, { enabled: false });
        await segment('POST', '/labels', { label: { key: 'history', value: 'test' } });
      },
      async () => {
        await segment('PATCH', `/destinations/${destination.id}`, { enabled: false });
        const created = await segment('POST', '/sources', { slug: 'history-added', enabled: true, metadataId: javascript.id });
        await segment('POST', `/sources/${created.source.id}/labels`, { labels: [{ key: 'history', value: 'test' }] });
        for (const sourceId of [...(sim().trackingPlanSources.get(plan.id)?.values() ?? [])])
          await segment('DELETE', `/tracking-plans/${plan.id}/sources?sourceId=${sourceId}`);
        await segment('DELETE', `/tracking-plans/${plan.id}`);
      },
      async () => {
        await segment('PATCH', `/destinations/${destination.id}`, { settings: { [settingKey ?? 'historyTestSetting']: 'third edit' } });
        const group = sim().userGroups.values()[0]!;
        await segment('PATCH', `/groups/${group.id}`, { name: `${group.name} (edited)` });
      },
    );
    for (const step of laterSteps) {
      await sleep(15); // distinct instants between snapshots
      await step();
      await snapshotAndKeep();
    }
  });
  afterAll(() => ctx.close());

  describe('state at a version', () => {
    it('equals, version by version and for every kind, what the simulator held when that snapshot was taken', async () => {
      expect(kept.length).toBe(4);
      for (const { version, live, simIds: ids } of kept) {
        const { at, items } = await stateThroughApi(http, stagingId, String(version));
        expect(at).toMatchObject({ version, exact: true });
        const actual = new Map(items.map((r) => [`${r.kind}/${r.id}`, { kind: r.kind, id: r.id, naturalKey: r.naturalKey, body: r.body }]));
        expect([...actual.keys()].sort()).toEqual([...live.keys()].sort());
        for (const [key, expected] of live) expect({ key, ...actual.get(key) }).toEqual({ key, ...expected });
        // and, independently of our reader, the ids the simulator keeps in memory
        for (const [kind, simulatorIds] of Object.entries(ids)) {
          expect({
            kind,
            ids: items
              .filter((r) => r.kind === kind)
              .map((r) => r.id)
              .sort(),
          }).toEqual({ kind, ids: [...simulatorIds].sort() });
        }
      }
      // every kind the simulator serves appears in the history
      const kinds = new Set([...kept[0]!.live.values()].map((r) => r.kind));
      for (const kind of [
        'workspace',
        'role',
        'label',
        'source',
        'source-schema-settings',
        'destination',
        'destination-filter',
        'destination-subscription',
        'warehouse',
        'warehouse-connection',
        'tracking-plan',
        'tracking-plan-rule',
        'tracking-plan-connection',
        'function',
        'transformation',
        'user-group',
        'user',
        'invite',
      ]) {
        expect(kinds).toContain(kind);
      }
    });

    it('answers `latest` and no `at` with the last snapshot', async () => {
      const last = kept[kept.length - 1]!;
      for (const query of ['', '?at=latest']) {
        const response = await http.get(`/workspaces/${stagingId}/resources${query}${query ? '&' : '?'}limit=1`);
        expect(response.body.at).toMatchObject({ version: last.version, exact: true, requested: 'latest' });
        expect(response.body.total).toBe(last.live.size);
      }
    });

    it('answers an instant between two snapshots with the earlier one, and says so', async () => {
      const [, second, third] = kept;
      const between = new Date((second!.observedAt.getTime() + third!.observedAt.getTime()) / 2);
      expect(between.getTime()).toBeGreaterThan(second!.observedAt.getTime());
      const response = await http.get(`/workspaces/${stagingId}/resources?at=${between.toISOString()}&kind=destination&limit=1000`);
      expect(response.status).toBe(200);
      expect(response.body.at).toMatchObject({ requested: between.toISOString(), version: second!.version, exact: false });
      const destination = response.body.items.find((r: any) => r.id === edited.id);
      expect(destination.body).toMatchObject({ name: `${edited.name} renamed`, enabled: true });
      // the instant of a snapshot itself is that snapshot
      const onTheDot = await http.get(`/workspaces/${stagingId}/resources?at=${third!.observedAt.toISOString()}&limit=1`);
      expect(onTheDot.body.at.version).toBe(third!.version);
    });

    it('answers a version between snapshots (an event, not a boundary) with the snapshot before it', async () => {
      const [first, second] = kept;
      const response = await http.get(`/workspaces/${stagingId}/resources?at=${second!.version - 1}&limit=1`);
      expect(response.body.at).toMatchObject({ version: first!.version, exact: false, requested: `version ${second!.version - 1}` });
    });

    it('filters by kind, name and label', async () => {
      const last = kept[kept.length - 1]!;
      const sources = await http.get(`/workspaces/${stagingId}/resources?kind=source&limit=1000`);
      expect(sources.body.items.map((r: any) => r.id).sort()).toEqual(
        [...last.live.values()]
          .filter((r) => r.kind === 'source')
          .map((r) => r.id)
          .sort(),
      );
      const byName = await http.get(`/workspaces/${stagingId}/resources?name=${encodeURIComponent('RENAMED')}`);
      expect(byName.body.items.map((r: any) => r.id)).toEqual([edited.id]);
      const labelled = await http.get(`/workspaces/${stagingId}/resources?label=history:test&kind=source`);
      expect(labelled.body.items.map((r: any) => r.body.slug)).toEqual(['history-added']);
      // the label did not exist at version 1
      const before = await http.get(`/workspaces/${stagingId}/resources?label=history:test&at=${kept[0]!.version}`);
      expect(before.body.items).toEqual([]);
    });

    it('keeps the cursor on its version while new snapshots land', async () => {
      const first = await http.get(`/workspaces/${stagingId}/resources?kind=destination&limit=5&at=${kept[0]!.version}`);
      const second = await http.get(`/workspaces/${stagingId}/resources?limit=5&kind=destination&cursor=${first.body.nextCursor}`);
      expect(second.body.at.version).toBe(kept[0]!.version);
      const ids = [...first.body.items, ...second.body.items].map((r: any) => r.id);
      expect(new Set(ids).size).toBe(10);
    });
  });

  describe('resource timeline and blame', () => {
    it('lists every event of a resource edited three times, each with its patch, cause and summary', async () => {
      const response = await http.get(`/workspaces/${stagingId}/resources/destination/${edited.id}/history`);
      expect(response.status).toBe(200);
      const { events } = response.body;
      expect(events.map((e: any) => e.type)).toEqual(['ResourceCreated', 'ResourceUpdated', 'ResourceUpdated', 'ResourceUpdated']);
      expect(events.every((e: any) => e.cause === 'snapshot' && typeof e.causeId === 'string')).toBe(true);
      expect(events[0].patch).toEqual([]);
      expect(events[1].patch).toEqual([{ op: 'replace', path: '/name', value: `${edited.name} renamed` }]);
      expect(events[1].summary).toBe(
        `destination '${edited.name} renamed': name ${JSON.stringify(edited.name)}→${JSON.stringify(`${edited.name} renamed`)}`,
      );
      expect(events[2].patch).toEqual([{ op: 'replace', path: '/enabled', value: false }]);
      expect(events[2].summary).toBe(`destination '${edited.name} renamed': enabled true→false`);
      expect(events[3].patch).toHaveLength(1);
      expect(events[3].patch[0].path).toMatch(/^\/settings\//);
      // every event version lies within the snapshot that recorded it
      expect(events.map((e: any) => e.version)).toEqual([...events.map((e: any) => e.version)].sort((a, b) => a - b));
      expect(response.body).toMatchObject({ exists: true, body: { name: `${edited.name} renamed`, enabled: false } });
    });

    it('blames each field on the version that last changed it', async () => {
      const response = await http.get(`/workspaces/${stagingId}/resources/destination/${edited.id}/history`);
      const { events, blame } = response.body;
      const [created, renamed, disabled, reconfigured] = events;
      const settingsPath = reconfigured.patch[0].path as string;
      expect(blame['/name'].version).toBe(renamed.version);
      expect(blame['/enabled'].version).toBe(disabled.version);
      expect(blame[settingsPath].version).toBe(reconfigured.version);
      expect(blame[settingsPath].observedAt).toBe(reconfigured.observedAt);
      expect(blame['/sourceId'].version).toBe(created.version);
      const untouched = Object.entries(blame).filter(([pointer]) => !['/name', '/enabled', settingsPath].includes(pointer));
      expect(untouched.length).toBeGreaterThan(0);
      for (const [, stamp] of untouched) expect((stamp as any).version).toBe(created.version);
    });

    it("records a filter whose key moved with its destination's rename as NaturalKeyChanged, not as a change", async () => {
      const [, renamedAt] = kept;
      const filter = [...kept[0]!.live.values()].find(
        (r) =>
          r.kind === 'destination-filter' &&
          (r.body as any).destinationId === edited.id &&
          r.naturalKey === renamedAt!.live.get(`destination-filter/${r.id}`)?.naturalKey.replace(' renamed', ''),
      )!;
      expect(filter).toBeDefined();
      const response = await http.get(`/workspaces/${stagingId}/resources/destination-filter/${filter.id}/history`);
      const types = response.body.events.map((e: any) => e.type);
      expect(types.slice(0, 2)).toEqual(['ResourceCreated', 'NaturalKeyChanged']);
      const rekeyed = response.body.events[1];
      expect(rekeyed).toMatchObject({ patch: [], naturalKey: renamedAt!.live.get(`destination-filter/${filter.id}`)!.naturalKey });
      expect(rekeyed.summary).toContain('natural key is now');
      expect(rekeyed.version).toBeLessThan(renamedAt!.version);
      expect(rekeyed.version).toBeGreaterThan(kept[0]!.version);
      // blame stays on the creation: nothing in the body changed
      expect(new Set(Object.values(response.body.blame).map((b: any) => b.version))).toEqual(new Set([response.body.events[0].version]));
    });

    it('shows a deleted resource as deleted, with its last body', async () => {
      const plan = [...kept[0]!.live.values()].find(
        (r) => r.kind === 'tracking-plan' && !kept[kept.length - 1]!.live.has(`tracking-plan/${r.id}`),
      )!;
      const response = await http.get(`/workspaces/${stagingId}/resources/tracking-plan/${plan.id}/history`);
      expect(response.body.exists).toBe(false);
      expect(response.body.events.map((e: any) => e.type)).toEqual(['ResourceCreated', 'ResourceDeleted']);
      expect(response.body.events[1].summary).toMatch(/^tracking plan '.+' deleted$/);
      expect(response.body.body).toEqual(plan.body);
    });

    it('answers 404 for a resource that never existed and 400 for an unknown kind', async () => {
      expectError(await http.get(`/workspaces/${stagingId}/resources/destination/nope/history`), 404);
      expectError(await http.get(`/workspaces/${stagingId}/resources/gizmo/x/history`), 400, 'kind');
    });
  });

  describe('workspace diff', () => {
    it('lists exactly the changes between two versions, with patches, summaries and totals by kind', async () => {
      const [first, second] = kept;
      const response = await http.get(`/workspaces/${stagingId}/diff?from=${first!.version}&to=${second!.version}&limit=1000`);
      expect(response.status).toBe(200);
      const lines = response.body.items.map((e: any) => `${e.status} ${e.kind}`).sort();
      expect(lines).toEqual(['changed destination', 'changed destination-filter', 'created label'].sort());
      const destination = response.body.items.find((e: any) => e.kind === 'destination');
      expect(destination).toMatchObject({ id: edited.id, ops: [{ op: 'replace', path: '/name' }] });
      const filter = response.body.items.find((e: any) => e.kind === 'destination-filter');
      expect(filter.summary).toMatch(/^filter '.+': enabled true→false$/);
      expect(response.body.totals).toEqual({
        destination: { created: 0, deleted: 0, changed: 1 },
        'destination-filter': { created: 0, deleted: 0, changed: 1 },
        label: { created: 1, deleted: 0, changed: 0 },
      });
      expect(response.body.total).toEqual({ created: 1, deleted: 0, changed: 2 });
    });

    it('between the first and the last version, sums every step (a deleted plan takes its rules and connections along)', async () => {
      const first = kept[0]!;
      const last = kept[kept.length - 1]!;
      const response = await http.get(`/workspaces/${stagingId}/diff?from=${first.version}&to=latest&limit=1000`);
      const expected = new Map<string, string>();
      for (const key of new Set([...first.live.keys(), ...last.live.keys()])) {
        const a = first.live.get(key);
        const b = last.live.get(key);
        if (!a) expected.set(key, 'created');
        else if (!b) expected.set(key, 'deleted');
        else if (JSON.stringify(a.body) !== JSON.stringify(b.body)) expected.set(key, 'changed');
      }
      const actual = new Map(response.body.items.map((e: any) => [`${e.kind}/${e.id}`, e.status]));
      expect(actual).toEqual(expected);
      expect(response.body.totals['tracking-plan-rule'].deleted).toBeGreaterThan(0);
      const onlyDeleted = await http.get(`/workspaces/${stagingId}/diff?from=${first.version}&status=deleted&kind=tracking-plan`);
      expect(onlyDeleted.body.items).toHaveLength(1);
    });

    it('accepts instants, and refuses bad input with clear errors', async () => {
      const [first, second] = kept;
      const response = await http.get(
        `/workspaces/${stagingId}/diff?from=${first!.observedAt.toISOString()}&to=${second!.observedAt.toISOString()}`,
      );
      expect(response.body).toMatchObject({ from: { version: first!.version }, to: { version: second!.version } });
      expectError(await http.get(`/workspaces/${stagingId}/diff`), 400, 'from');
      expectError(await http.get(`/workspaces/${stagingId}/diff?from=yesterday`), 400, 'from');
      expectError(await http.get(`/workspaces/${stagingId}/diff?from=1&to=99999`), 404);
      expectError(await http.get(`/workspaces/${stagingId}/diff?from=1&status=renamed`), 400, 'status');
    });
  });

  describe('cross-workspace diff', () => {
    let productionVersion: number;
    const seededDifferences: string[] = [];

    beforeAll(async () => {
      const prod = sim('production');
      // production starts as staging's twin at version 1 (same content seed, different ids),
      // then gets exactly these differences:
      const removed = prod.destinations
        .values()
        .find(
          (d) =>
            !prod.insertFunctionInstances.values().some((i) => i.integrationId === d.id) &&
            !prod.filters.get(d.id)?.size &&
            !prod.subscriptions.get(d.id)?.size,
        )!;
      await segment('DELETE', `/destinations/${removed.id}`, undefined, 'sim_production');
      const toggled = prod.destinations.values().find((d) => d.id !== removed.id && d.enabled && 'apiKey' in (d.settings ?? {}))!;
      await segment('PATCH', `/destinations/${toggled.id}`, { enabled: false }, 'sim_production');
      const [filterDestination, filters] = [...prod.filters].find(([, c]) => c.size > 0)!;
      const filter = filters.values()[0]!;
      await segment(
        'PATCH',
        `/destination/${filterDestination}/filters/${filter.id}`,
        { if: 'event = "production only"' },
        'sim_production',
      );
      const javascript = ctx.sim.state.catalog.sources.find((s) => s.slug === 'javascript')!;
      await segment('POST', '/sources', { slug: 'prod-only', enabled: true, metadataId: javascript.id }, 'sim_production');
      const { snapshot } = await snapshotNow(worker, productionId);
      productionVersion = snapshot.version!;
      seededDifferences.push(removed.id, toggled.id, filter.id);
    });

    it('lists exactly the seeded differences, matched by natural key, never by id', async () => {
      const response = await http.get(`/diff?left=${stagingId}@${kept[0]!.version}&right=production@${productionVersion}&limit=1000`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        left: { workspace: { id: stagingId }, at: { version: kept[0]!.version } },
        right: { workspace: { id: productionId, name: 'production' } },
      });
      const prod = sim('production');
      const lines = response.body.items
        .filter((e: any) => e.status !== 'ambiguous')
        .map((e: any) => `${e.status} ${e.kind}`)
        .sort();
      expect(lines).toEqual(['changed destination', 'changed destination-filter', 'onlyLeft destination', 'onlyRight source'].sort());
      // natural keys that occur twice in a workspace (the generator names two instances of a
      // function alike) are reported as ambiguous, never paired at random
      const counts = new Map<string, number>();
      for (const r of kept[0]!.live.values()) counts.set(`${r.kind} ${r.naturalKey}`, (counts.get(`${r.kind} ${r.naturalKey}`) ?? 0) + 1);
      const duplicated = [...counts]
        .filter(([, n]) => n > 1)
        .map(([key]) => key)
        .sort();
      const ambiguous = response.body.items.filter((e: any) => e.status === 'ambiguous');
      expect(ambiguous.map((e: any) => `${e.kind} ${e.naturalKey}`).sort()).toEqual(duplicated);
      for (const e of ambiguous) expect([e.leftIds.length, e.rightIds.length, e.ops]).toEqual([2, 2, []]);
      const entry = (status: string, kind: string) => response.body.items.find((e: any) => e.status === status && e.kind === kind);
      expect(entry('onlyLeft', 'destination').leftIds).toHaveLength(1);
      expect(entry('onlyLeft', 'destination').rightIds).toEqual([]);
      expect(entry('changed', 'destination').rightIds).toEqual([seededDifferences[1]]);
      expect(entry('changed', 'destination').ops).toEqual([{ op: 'replace', path: '/enabled', value: false }]);
      expect(entry('changed', 'destination').summary).toMatch(/: enabled true→false$/);
      expect(entry('changed', 'destination-filter').rightIds).toEqual([seededDifferences[2]]);
      expect(entry('changed', 'destination-filter').ops).toEqual([{ op: 'replace', path: '/if', value: 'event = "production only"' }]);
      expect(entry('onlyRight', 'source').naturalKey).toBe('prod-only');
      expect(prod.sources.values().some((s) => s.slug === 'prod-only')).toBe(true);
      // ids differ everywhere, yet no id appears in any operation
      const leftSources = kept[0]!.live;
      const stagingIds = new Set([...leftSources.values()].map((r) => r.id));
      const ops = JSON.stringify(response.body.items.map((e: any) => e.ops));
      for (const id of stagingIds) if (id.length > 8) expect(ops).not.toContain(id);
      const sameSources = response.body.totals.source.same;
      expect(sameSources).toBe([...leftSources.values()].filter((r) => r.kind === 'source').length);
    });

    it('reports masked secrets as not comparable instead of as a change', async () => {
      const response = await http.get(
        `/diff?left=${stagingId}@${kept[0]!.version}&right=${productionId}@latest&limit=1000&kind=destination&status=changed`,
      );
      expect(response.body.items).toHaveLength(1);
      const [changed] = response.body.items;
      const left = kept[0]!.live.get(`destination/${changed.leftIds[0]}`)!.body as any;
      const secretFields = Object.entries(left.settings)
        .filter(([, v]) => (v as any)?.$secret)
        .map(([k]) => `settings.${k}`)
        .sort();
      expect(secretFields).toContain('settings.apiKey');
      expect(changed.notComparable).toEqual(secretFields);
      expect(JSON.stringify(changed.ops)).not.toContain('secret');
      // every other destination holds masked secrets too, and still counts as the same
      expect(response.body.totals.destination.same).toBeGreaterThan(10);
    });

    it('refuses malformed sides and unknown workspaces clearly', async () => {
      expectError(await http.get(`/diff?left=staging`), 400, 'right');
      expectError(await http.get(`/diff?left=nowhere&right=staging`), 400, 'left');
      expectError(await http.get(`/diff?left=staging@soon&right=production`), 400, 'left');
      expectError(await http.get(`/diff?left=00000000-0000-4000-8000-000000000000&right=production`), 404);
    });
  });

  describe('export', () => {
    const download = (query: string) => http.get(`/workspaces/${stagingId}/export${query}`).buffer(true).parse(binary);

    it('gives the same bytes for the same version, one file per resource in a folder per kind', async () => {
      const a = await download(`?at=${kept[1]!.version}`);
      const b = await download(`?at=${kept[1]!.version}`);
      expect(a.status).toBe(200);
      expect(a.headers['content-type']).toBe('application/gzip');
      expect(a.headers['x-export-version']).toBe(String(kept[1]!.version));
      expect(Buffer.compare(a.body, b.body)).toBe(0);
      const files = await untar(a.body);
      const folder = `staging-v${kept[1]!.version}`;
      const manifest = JSON.parse(files.get(`${folder}/manifest.json`)!);
      expect(manifest).toMatchObject({ format: 'segment-config-export/v1', version: kept[1]!.version, workspace: { id: stagingId } });
      const resourceFiles = [...files.keys()].filter((f) => !f.endsWith('manifest.json'));
      expect(resourceFiles).toHaveLength(kept[1]!.live.size);
      const destinationFile = resourceFiles.find(
        (f) => f.startsWith(`${folder}/destination/`) && JSON.parse(files.get(f)!).id === edited.id,
      )!;
      expect(destinationFile).toBeDefined();
      const parsed = JSON.parse(files.get(destinationFile)!);
      expect(parsed.body).toEqual(kept[1]!.live.get(`destination/${edited.id}`)!.body);
      // stable key order: every object's keys are sorted
      expect(files.get(destinationFile)).toBe(`${JSON.stringify(parsed, Object.keys(flatKeys(parsed)).sort(), 2)}\n`);
    });

    it('exports YAML on request, and differs between versions only where the state does', async () => {
      const yaml = await download(`?at=${kept[1]!.version}&format=yaml`);
      const files = await untar(yaml.body);
      expect([...files.keys()].every((f) => f.endsWith('.yaml'))).toBe(true);
      const v1 = await untar((await download(`?at=${kept[0]!.version}`)).body);
      const v2 = await untar((await download(`?at=${kept[1]!.version}`)).body);
      const strip = (m: Map<string, string>) =>
        new Map([...m].filter(([f]) => !f.endsWith('manifest.json')).map(([f, c]) => [f.replace(/^[^/]+\//, ''), c]));
      const [s1, s2] = [strip(v1), strip(v2)];
      const differing = [...new Set([...s1.keys(), ...s2.keys()])].filter((f) => s1.get(f) !== s2.get(f));
      // exactly the files of what changed: a new or gone resource is one file, a changed body one,
      // a renamed resource two (files are named by natural key, and a child's carries its parent's)
      const [a, b] = [kept[0]!.live, kept[1]!.live];
      let expected = 0;
      for (const key of new Set([...a.keys(), ...b.keys()])) {
        const [x, y] = [a.get(key), b.get(key)];
        if (!x || !y) expected += 1;
        else if (x.naturalKey !== y.naturalKey) expected += 2;
        else if (JSON.stringify(x.body) !== JSON.stringify(y.body)) expected += 1;
      }
      expect(differing.length).toBe(expected);
      expect(expected).toBeGreaterThanOrEqual(4);
      expect(differing.some((f) => f.startsWith('label/'))).toBe(true);
    });

    it('refuses a bad format and an unknown version', async () => {
      expectError(await http.get(`/workspaces/${stagingId}/export?format=xml`), 400, 'format');
      expectError(await http.get(`/workspaces/${stagingId}/export?at=9999999`), 404);
    });
  });

  describe('errors', () => {
    it('answers an unknown version, a time before the first snapshot, a bad `at` and an unknown workspace clearly', async () => {
      const unknownVersion = await http.get(`/workspaces/${stagingId}/resources?at=999999`);
      expectError(unknownVersion, 404);
      expect(unknownVersion.body.message).toMatch(/Version 999999 does not exist .* latest snapshot is version \d+/);
      const early = await http.get(`/workspaces/${stagingId}/resources?at=2001-01-01T00:00:00Z`);
      expectError(early, 404);
      expect(early.body.message).toMatch(/No snapshot at or before 2001-01-01T00:00:00.000Z; the first was taken at/);
      expectError(await http.get(`/workspaces/${stagingId}/resources?at=last-tuesday`), 400, 'at');
      expectError(await http.get(`/workspaces/${stagingId}/resources?at=0`), 400, 'at');
      expectError(await http.get(`/workspaces/00000000-0000-4000-8000-000000000000/resources`), 404);
      expectError(await http.get(`/workspaces/not-a-uuid/resources`), 400, 'id');
      expectError(await http.get(`/workspaces/${stagingId}/resources?label=nolabel`), 400, 'label');
    });
  });
});

/** Every key that occurs in a JSON value, for JSON.stringify's key allow-list. */
function flatKeys(value: unknown, out: Record<string, true> = {}): Record<string, true> {
  if (Array.isArray(value)) value.forEach((v) => flatKeys(v, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out[k] = true;
      flatKeys(v, out);
    }
  return out;
}
