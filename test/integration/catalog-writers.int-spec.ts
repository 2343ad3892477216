// Every writer of SEGMENT_CATALOG against the simulator, which knows nothing of the catalog: what
// a writer builds must be accepted, and what it writes must read back as the body it was given.
// Bodies are handed to writers the way restore does: normalized, references pointing at the
// target's ids, unknown secrets removed (from the live body as well, on update).
import {
  Created,
  getAt,
  isMaskedValue,
  isPlainObject,
  isSecretMarker,
  jsonPatch,
  JsonObject,
  KindDefinition,
  KindName,
  Resource,
  observeResources,
  unknownSecrets,
  withChanges,
  withoutUnknownSecrets,
  WriteRequest,
} from '../../libs/core/src';
import { SEGMENT_CATALOG } from '../../libs/catalog/src';
import { SegmentApiError, SegmentClient, UNLIMITED, WorkspaceReader } from '../../libs/segment/src';
import { SegmentSimulator } from '../../apps/segment-sim/src/sim-server';

const catalog = SEGMENT_CATALOG;

// ── what Segment refuses to delete while something else still uses it (it answers 409) ───────

const BLOCKERS: Record<KindName, KindName[]> = {
  label: ['source'],
  credential: ['warehouse'],
  function: ['source', 'destination', 'insert-function-instance'],
  source: ['reverse-etl-model', 'transformation', 'destination', 'insert-function-instance'],
  'tracking-plan': ['tracking-plan-connection'],
  'reverse-etl-model': ['destination-subscription'],
  destination: ['insert-function-instance'],
};

// ── the workspace as the product reads it ────────────────────────────────────────────────────

const keyOf = (r: { kind: string; id: string }) => `${r.kind}\u0000${r.id}`;

function refersTo(r: Resource, target: Resource): boolean {
  return catalog
    .get(r.kind)
    .references(r.body)
    .some((o) => o.kind === target.kind && (o.by ? getAt(target.body, `/${o.by}`) === o.value : o.value === target.id));
}

class World {
  private readonly byKind = new Map<KindName, Resource[]>();

  constructor(readonly resources: Resource[]) {
    for (const r of resources) this.byKind.set(r.kind, [...(this.byKind.get(r.kind) ?? []), r]);
  }

  of(kind: KindName): Resource[] {
    return this.byKind.get(kind) ?? [];
  }

  get(kind: KindName, id: string): Resource | undefined {
    return this.of(kind).find((r) => r.id === id);
  }

  /** Everything that must go before `target` can be deleted, transitively. */
  blockers(target: Resource): Resource[] {
    const out = new Map<string, Resource>();
    const visit = (r: Resource) => {
      for (const kind of BLOCKERS[r.kind] ?? []) {
        for (const b of this.of(kind).filter((x) => refersTo(x, r))) {
          if (out.has(keyOf(b)) || keyOf(b) === keyOf(target)) continue;
          out.set(keyOf(b), b);
          visit(b);
        }
      }
    };
    visit(target);
    return [...out.values()];
  }
}

const byCatalogOrder = (a: Resource, b: Resource) => catalog.indexOf(a.kind) - catalog.indexOf(b.kind);

/** The body without what cannot be compared: its own server-made identifiers and the given pointers (unknown secrets). */
function comparable(definition: KindDefinition, body: JsonObject, ignored: string[]): JsonObject {
  const drop = [...definition.identity, ...ignored].filter((p) => getAt(body, p) !== undefined);
  return withChanges(
    body,
    drop.map((p) => [p, undefined] as const),
  );
}

const lastToken = (pointer: string) =>
  pointer
    .slice(pointer.lastIndexOf('/') + 1)
    .replace(/~1/g, '/')
    .replace(/~0/g, '~');

/** Every place of the requests that would leak a mask or marker, or null a secret the desired body does not know. */
function secretProblems(requests: WriteRequest[], unknownNames: Set<string>): string[] {
  const problems: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (isMaskedValue(value)) problems.push(`${path} holds the mask ${JSON.stringify(value)}`);
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}/${i}`));
    else if (isPlainObject(value)) {
      if ('$secret' in (value as JsonObject)) problems.push(`${path} holds the marker ${JSON.stringify(value)}`);
      for (const [k, v] of Object.entries(value as JsonObject)) {
        if (v === null && unknownNames.has(k)) problems.push(`${path}/${k} nulls a secret the desired body does not know`);
        walk(v, `${path}/${k}`);
      }
    }
  };
  requests.forEach((r, i) => {
    walk(r.body, `request ${i} (${r.method} ${r.path}) body`);
    walk(r.query, `request ${i} (${r.method} ${r.path}) query`);
  });
  return problems;
}

// ── per-kind knowledge the test needs ────────────────────────────────────────────────────────

interface KindCase {
  /** The resource the update checks use (default: the first with an unknown secret, else the first). */
  pick?: (world: World) => Resource;
  /** One change to an updatable field; absent when the kind has no update. */
  change?: (live: JsonObject, world: World) => JsonObject;
  /** A change of one non-secret setting, for kinds with secrets (undefined when the resource has none to change). */
  settingChange?: (live: JsonObject) => JsonObject | undefined;
  /** Adds to the seeded workspace what the seed lacks (a transformation's hashing key, a group's pending invitation). */
  prepare?: (world: World, send: (req: WriteRequest) => Promise<unknown>) => Promise<void>;
  /**
   * Known round-trip differences, each documented with it.todo: the pointers of a resource left
   * out of the comparison so that the rest is still checked.
   */
  gaps?: Array<{ finding: string; pointers: (resource: Resource, sim: SegmentSimulator) => string[] }>;
  /** Findings that make a whole check fail: documented with it.todo instead. */
  findings?: Partial<Record<'roundTrip' | 'update' | 'noop' | 'secretKept', string>>;
  /** Further findings no check here runs into (documented with it.todo). */
  todos?: string[];
  /** update(desired = live) repeats an idempotent write instead of asking for nothing (accepted: the planner only updates what differs). */
  idempotentNoop?: boolean;
}

/** The settings with their first plain value changed (not a secret, not empty, not a Segment-computed number). */
function changeOneSetting(live: JsonObject, field = 'settings'): JsonObject | undefined {
  const settings = live[field];
  if (!isPlainObject(settings)) return undefined;
  for (const [key, value] of Object.entries(settings as JsonObject)) {
    if (['type', 'name', 'credentialId'].includes(key)) continue;
    if (typeof value === 'string' && value !== '' && !isMaskedValue(value) && !/^\d+$/.test(value)) {
      return { ...live, [field]: { ...(settings as JsonObject), [key]: `${value}-changed` } };
    }
    if (isPlainObject(value) && typeof (value as JsonObject)['@path'] === 'string') {
      return { ...live, [field]: { ...(settings as JsonObject), [key]: { '@path': '$.properties.changed_by_test' } } };
    }
  }
  return undefined;
}

const toggle = (field: string) => (live: JsonObject) => ({ ...live, [field]: !live[field] });
const renamed = (field: string) => (live: JsonObject) => ({ ...live, [field]: `${String(live[field])} (renamed)` });

const CASES: Record<KindName, KindCase> = {
  label: {},
  credential: { change: renamed('name'), settingChange: (live) => changeOneSetting(live) },
  function: { change: (live) => ({ ...live, description: 'Changed by the writer test' }) },
  source: { change: renamed('name'), settingChange: (live) => changeOneSetting(live) },
  'source-schema-settings': {
    idempotentNoop: true,
    pick: (world) =>
      world.of('source-schema-settings').find((r) => r.body.forwardingViolationsTo) ?? world.of('source-schema-settings')[0]!,
    change: (live, world) => ({
      ...live,
      forwardingViolationsTo: world.of('source').find((s) => s.id !== live.sourceId && s.id !== live.forwardingViolationsTo)!.id,
    }),
  },
  warehouse: { change: toggle('enabled'), settingChange: (live) => changeOneSetting(live) },
  'warehouse-connection': {},
  'tracking-plan': { change: renamed('name') },
  'tracking-plan-rule': {
    idempotentNoop: true,
    change: (live) => withChanges(live, [['/jsonSchema/properties/added_by_test', { type: 'string' }]]),
  },
  'tracking-plan-connection': {},
  transformation: {
    change: renamed('name'),
    settingChange: (live) => {
      const hash = live.hashPropertiesConfiguration as JsonObject | undefined;
      return hash
        ? {
            ...live,
            hashPropertiesConfiguration: { ...hash, paths: [...((hash.paths as string[] | undefined) ?? []), 'properties.phone'] },
          }
        : undefined;
    },
    // the seed hashes nothing: give one transformation a hashing key first
    prepare: async (world, send) => {
      const t = world.of('transformation')[0]!;
      await send({
        method: 'PATCH',
        path: `/transformations/${t.id}`,
        body: { hashPropertiesConfiguration: { hashingAlgo: 'SHA256', key: 'hash-key-0123456789', paths: ['properties.email'] } },
      });
    },
  },
  'reverse-etl-model': { change: (live) => ({ ...live, description: 'Changed by the writer test' }) },
  destination: {
    change: toggle('enabled'),
    settingChange: (live) => changeOneSetting(live),
    gaps: [
      {
        finding:
          "known limitation: settings Segment computes itself (HubSpot Cloud Mode (Actions)'s portalId) are not listed as such anywhere in the API; they are sent, ignored by Segment, and the verification of a restore reports them as a difference",
        // the simulator's own catalog says which settings Segment computes; the product cannot know it from the API
        pointers: (r, s) =>
          [...(s.state.catalog.destinationsById.get(String(r.body.metadataId))?.settings.readOnly ?? [])].map((key) => `/settings/${key}`),
      },
    ],
  },
  'destination-subscription': {
    change: toggle('enabled'),
    settingChange: (live) => changeOneSetting(live),
  },
  'destination-filter': { change: (live) => ({ ...live, if: 'event = "Changed By Writer Test"' }) },
  'insert-function-instance': {
    change: toggle('enabled'),
    settingChange: (live) => changeOneSetting(live),
  },
  'user-group': {
    change: renamed('name'),
    // the seed invites nobody to a group: one pending invitation, as POST /groups/{id}/users makes it
    prepare: async (world, send) => {
      await send({
        method: 'POST',
        path: `/groups/${world.of('user-group')[0]!.id}/users`,
        body: { emails: ['pending.person@acme.example'] },
      });
    },
  },
  user: {
    change: (live, world) => {
      const permissions = live.permissions as unknown as JsonObject[];
      const other =
        world.of('role').find((r) => r.body.name === 'Source Read-only' && r.id !== permissions[0]?.roleId) ??
        world.of('role').find((r) => r.body.name === 'Source Admin')!;
      return { ...live, permissions: [{ ...permissions[0]!, roleId: other.id }, ...permissions.slice(1)] as unknown as JsonObject[] };
    },
  },
  invite: {},
};

// ── the test ─────────────────────────────────────────────────────────────────────────────────

describe('catalog writers against the simulator', () => {
  let sim: SegmentSimulator;
  let client: SegmentClient;

  beforeAll(async () => {
    sim = new SegmentSimulator({
      seed: 'catalog-writers',
      workspaces: [{ slug: 'staging', token: 'sim_staging', size: 300, env: 'staging' }],
      rateLimit: { enabled: false, perMinute: 600, timeScale: 1 },
      faults: [],
    });
    const { url } = await sim.listen(0);
    client = new SegmentClient({
      baseUrl: url,
      token: 'sim_staging',
      limits: { tokenKey: 'catalog-writers', perMinute: 1_000_000 },
      rateLimiter: UNLIMITED,
    });
  });
  afterAll(() => sim?.close());
  // every test starts from the same seeded workspace
  beforeEach(() => sim.reset());

  async function read(): Promise<World> {
    const result = await new WorkspaceReader(client, catalog).read();
    expect(result.unavailable).toEqual([]);
    return new World(observeResources(catalog, result.workspace.slug, result.items));
  }

  /** Sends a writer's request; a refusal names the request and the simulator's answer. */
  async function send(req: WriteRequest): Promise<unknown> {
    try {
      return (await client.request<unknown>(req.method, req.path, { query: req.query, body: req.body, version: req.version })).data;
    } catch (error) {
      if (error instanceof SegmentApiError) {
        throw new Error(
          `${req.method} ${req.path}${req.query ? ` query=${JSON.stringify(req.query)}` : ''} body=${JSON.stringify(req.body)}\n→ ${error.status} ${JSON.stringify(error.error)}`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  async function statusOf(req: WriteRequest): Promise<number> {
    try {
      await client.request<unknown>(req.method, req.path, { query: req.query, body: req.body, version: req.version });
      return 200;
    } catch (error) {
      if (error instanceof SegmentApiError) return error.status;
      throw error;
    }
  }

  /** The resource an update is tried on: one with unknown secrets when there is one. */
  function pick(world: World, kind: KindName): Resource {
    const custom = CASES[kind]!.pick;
    if (custom) return custom(world);
    const all = world.of(kind);
    if (!all.length) throw new Error(`the seeded workspace has no ${kind}: its writer cannot be exercised`);
    return all.find((r) => unknownSecrets(r.body).length > 0) ?? all[0]!;
  }

  const writerOf = (kind: KindName) => catalog.get(kind).write!;
  /** Whether the kind's writer declares that an update replaces the object holding `pointer`. */
  const replaced = (kind: KindName, pointer: string, onlyAlways: boolean) =>
    (writerOf(kind).replaces ?? []).some((r) => pointer.startsWith(`${r.pointer}/`) && (!onlyAlways || r.always));

  it('covers every writable kind of the catalog (a new kind needs a case here)', () => {
    const writable = catalog.kinds.filter((k) => k.write).map((k) => k.kind);
    expect(writable).toEqual(Object.keys(CASES));
    expect(writable).toEqual([
      'label',
      'credential',
      'function',
      'source',
      'source-schema-settings',
      'warehouse',
      'warehouse-connection',
      'tracking-plan',
      'tracking-plan-rule',
      'tracking-plan-connection',
      'transformation',
      'reverse-etl-model',
      'destination',
      'destination-subscription',
      'destination-filter',
      'insert-function-instance',
      'user-group',
      'user',
      'invite',
    ]);
    // the rest are read-only, and say so
    expect(catalog.kinds.filter((k) => !k.write).map((k) => [k.kind, k.readOnly])).toEqual([
      ['workspace', true],
      ['role', true],
    ]);
    // a kind with an update needs a change to try, a kind with secrets a setting to change
    for (const [kind, c] of Object.entries(CASES)) {
      const definition = catalog.get(kind);
      expect([kind, !!definition.write!.update]).toEqual([kind, !!c.change]);
      expect([kind, definition.secrets.length > 0]).toEqual([kind, !!c.settingChange]);
    }
  });

  // ── delete + create ──────────────────────────────────────────────────────────────────────

  describe('delete, then create again: every resource of the kind reads back as it was', () => {
    const kinds = Object.keys(CASES).filter((k) => k !== 'tracking-plan-rule' && k !== 'user');
    for (const kind of kinds) {
      const c = CASES[kind]!;
      for (const gap of c.gaps ?? []) it.todo(`${kind}: ${gap.finding}`);
      for (const todo of c.todos ?? []) it.todo(`${kind}: ${todo}`);
      if (c.findings?.roundTrip) {
        it.todo(`${kind}: ${c.findings.roundTrip}`);
        continue;
      }
      it(kind, async () => {
        await c.prepare?.(await read(), send);
        const before = await read();
        const targets = before.of(kind);
        expect(targets.length).toBeGreaterThan(0);
        const targetKeys = new Set(targets.map(keyOf));
        const blockerMap = new Map<string, Resource>();
        for (const t of targets) for (const b of before.blockers(t)) if (!targetKeys.has(keyOf(b))) blockerMap.set(keyOf(b), b);
        const blockers = [...blockerMap.values()].sort(byCatalogOrder);

        // Segment refuses to delete what is still in use: the writer's delete alone answers 409
        for (const t of targets) {
          if (before.blockers(t).length) expect([t.id, await statusOf(writerOf(kind).delete(t.id, t.body))]).toEqual([t.id, 409]);
        }
        // then what uses it goes first (keeping parents), deepest first
        for (const b of [...blockers].reverse()) await send(writerOf(b.kind).delete(b.id, b.body));
        for (const t of targets) await send(writerOf(kind).delete(t.id, t.body));

        const gone = await read();
        expect(gone.of(kind)).toEqual([]);
        for (const b of blockers) expect([b.kind, b.id, gone.get(b.kind, b.id)]).toEqual([b.kind, b.id, undefined]);

        // create in dependency order, each reference to a re-created resource rewritten to its new id
        const deleted = [...targets, ...blockers].sort(byCatalogOrder);
        const created = new Map<string, Created>();
        const desiredOf = new Map<string, JsonObject>();
        for (const r of deleted) {
          const definition = catalog.get(r.kind);
          const changes: Array<[string, unknown]> = [];
          for (const o of definition.references(r.body)) {
            if (o.stable) continue;
            const referred = deleted.find((d) => d.kind === o.kind && (o.by ? getAt(d.body, `/${o.by}`) === o.value : d.id === o.value));
            const now = referred && created.get(keyOf(referred));
            if (now) changes.push([o.pointer, o.by ? now.identity?.[o.by] : now.id]);
          }
          const rewritten = withChanges(r.body, changes);
          const desired = withoutUnknownSecrets(rewritten).body;
          const writer = definition.write!;
          const answer = await send(writer.create(desired));
          const result = writer.created((answer ?? {}) as JsonObject, desired);
          for (const req of writer.afterCreate?.(result.id, desired) ?? []) await send(req);
          created.set(keyOf(r), result);
          desiredOf.set(keyOf(r), rewritten);
        }

        // what differs, per resource: RFC 6902 operations from the expected body to the one read back
        const after = await read();
        const differences: Array<{ kind: string; id: string; differences: unknown }> = [];
        for (const r of deleted) {
          const definition = catalog.get(r.kind);
          const result = created.get(keyOf(r))!;
          const again = after.get(r.kind, result.id);
          if (!again) {
            differences.push({ kind: r.kind, id: result.id, differences: 'not found after create' });
            continue;
          }
          // created() reports the server-made identifiers others refer to by
          for (const pointer of definition.identity)
            expect([r.kind, pointer, result.identity?.[lastToken(pointer)]]).toEqual([r.kind, pointer, getAt(again.body, pointer)]);
          if (r.kind !== kind && CASES[r.kind]!.findings?.roundTrip) continue; // reported under its own kind
          const ignored = [...unknownSecrets(r.body), ...(CASES[r.kind]!.gaps ?? []).flatMap((g) => g.pointers(r, sim))];
          const ops = jsonPatch(comparable(definition, desiredOf.get(keyOf(r))!, ignored), comparable(definition, again.body, ignored));
          if (ops.length) differences.push({ kind: r.kind, id: `${r.id} → ${result.id}`, differences: ops });
        }
        expect(differences).toEqual([]);
      });
    }

    const userFinding = CASES.user!.findings?.roundTrip;
    if (userFinding) it.todo(`user: ${userFinding}`);
    else
      it('user (invited again: an invite for each email appears)', async () => {
        const before = await read();
        const writer = writerOf('user');
        expect(writer.mode).toBe('invite');
        const users = before.of('user');
        expect(users.length).toBeGreaterThan(0);
        for (const u of users) await send(writer.delete(u.id, u.body));
        const gone = await read();
        expect(gone.of('user')).toEqual([]);
        const pending = gone.of(writer.invitedAs!).length;

        for (const u of users) {
          const desired = withoutUnknownSecrets(u.body).body;
          const answer = await send(writer.create(desired));
          const result = writer.created((answer ?? {}) as JsonObject, desired);
          expect(result.id).toBe(u.body.email);
          for (const req of writer.afterCreate?.(result.id, desired) ?? []) await send(req);
        }
        const after = await read();
        for (const u of users) {
          expect(
            after
              .of(writer.invitedAs!)
              .filter((i) => i.naturalKey === u.naturalKey)
              .map((i) => i.body),
          ).toEqual([{ email: u.body.email }]);
        }
        expect(after.of(writer.invitedAs!)).toHaveLength(pending + users.length);
      });

    const ruleFinding = CASES['tracking-plan-rule']!.findings?.roundTrip;
    if (ruleFinding) it.todo(`tracking-plan-rule: ${ruleFinding}`);
    else
      it('tracking-plan-rule (every rule, one batch per plan: remove, then upsert)', async () => {
        const before = await read();
        const writer = writerOf('tracking-plan-rule');
        const batch = writer.batch!;
        const rules = before.of('tracking-plan-rule');
        const groups = new Map<string, Resource[]>();
        for (const r of rules) groups.set(batch.group(r.body), [...(groups.get(batch.group(r.body)) ?? []), r]);
        // several rules per request, with and without a key, of several types
        expect(
          [...groups.values()].some(
            (g) => g.length >= 3 && g.some((r) => r.body.key === undefined) && new Set(g.map((r) => r.body.type)).size > 1,
          ),
        ).toBe(true);
        for (const [planId, group] of groups) {
          expect(before.get('tracking-plan', planId)).toBeDefined();
          expect(group.length).toBeLessThanOrEqual(batch.maxItems);
          await send(batch.remove(group.map((r) => r.body)));
        }
        const gone = await read();
        expect(gone.of('tracking-plan-rule')).toEqual([]);
        expect(
          gone
            .of('tracking-plan')
            .map((p) => p.id)
            .sort(),
        ).toEqual(
          before
            .of('tracking-plan')
            .map((p) => p.id)
            .sort(),
        );

        for (const group of groups.values()) await send(batch.upsert(group.map((r) => withoutUnknownSecrets(r.body).body)));
        const after = await read();
        for (const r of rules) {
          const id = writer.created({}, withoutUnknownSecrets(r.body).body).id;
          expect([id, after.get('tracking-plan-rule', id)?.body]).toEqual([r.id, r.body]);
        }
        expect(after.of('tracking-plan-rule')).toHaveLength(rules.length);
      });
  });

  // ── update ───────────────────────────────────────────────────────────────────────────────

  describe('update: one changed field reads back as desired; nothing to change asks for nothing', () => {
    for (const [kind, c] of Object.entries(CASES)) {
      if (!c.change) {
        it(`${kind} has no update (every field is fixed at create)`, () => expect(writerOf(kind).update).toBeUndefined());
        continue;
      }
      if (c.idempotentNoop)
        it(`${kind}: update(desired = live) repeats an idempotent write that changes nothing`, async () => {
          const world = await read();
          const r = pick(world, kind);
          const live = withoutUnknownSecrets(r.body).body;
          for (const req of writerOf(kind).update!(r.id, live, live)) await send(req);
          expect((await read()).get(kind, r.id)!.body).toEqual(r.body);
        });
      else
        it(`${kind}: update(desired = live) asks for nothing`, async () => {
          const world = await read();
          const r = pick(world, kind);
          const live = withoutUnknownSecrets(r.body).body;
          expect(writerOf(kind).update!(r.id, live, live)).toEqual([]);
        });

      if (c.findings?.update) {
        it.todo(`${kind}: ${c.findings.update}`);
        continue;
      }
      it(`${kind}: update one field`, async () => {
        await c.prepare?.(await read(), send);
        const world = await read();
        const r = pick(world, kind);
        const unknown = unknownSecrets(r.body);
        const live = withoutUnknownSecrets(r.body).body;
        const desired = c.change!(live, world);
        expect(desired).not.toEqual(live);
        const requests = writerOf(kind).update!(r.id, desired, live);
        expect(requests.length).toBeGreaterThan(0);
        expect(secretProblems(requests, new Set(unknown.map(lastToken)))).toEqual([]);
        for (const req of requests) await send(req);
        const after = (await read()).get(kind, r.id);
        expect(after).toBeDefined();
        expect(comparable(catalog.get(kind), after!.body, unknown)).toEqual(comparable(catalog.get(kind), desired, []));
        // the secrets it did not know are still set, unless the writer declares it replaces their object
        for (const pointer of unknown.filter((p) => !replaced(kind, p, true)))
          expect([pointer, isSecretMarker(getAt(after!.body, pointer))]).toEqual([pointer, true]);
      });
    }
  });

  // ── secrets ──────────────────────────────────────────────────────────────────────────────

  describe('settings patch: never a mask or marker sent, never an unknown secret nulled or lost', () => {
    /** Changes one plain setting of a resource that has an unknown secret, as restore would. */
    async function changeSetting(kind: KindName) {
      const c = CASES[kind]!;
      await c.prepare?.(await read(), send);
      const world = await read();
      const r = world
        .of(kind)
        .find((x) => unknownSecrets(x.body).length > 0 && c.settingChange!(withoutUnknownSecrets(x.body).body) !== undefined);
      if (!r) throw new Error(`no ${kind} with an unknown secret and a plain setting to change`);
      const unknown = unknownSecrets(r.body);
      const live = withoutUnknownSecrets(r.body).body;
      const desired = c.settingChange!(live)!;
      const requests = writerOf(kind).update!(r.id, desired, live);
      expect(requests.length).toBeGreaterThan(0);
      const problems = secretProblems(requests, new Set(unknown.map(lastToken)));
      for (const req of requests) await send(req);
      const after = (await read()).get(kind, r.id)!;
      return { unknown, desired, problems, after };
    }

    for (const [kind, c] of Object.entries(CASES)) {
      if (!c.settingChange) continue;
      it(`${kind}: sends no mask, no marker, no null for an unknown secret; reads back as desired`, async () => {
        const { unknown, desired, problems, after } = await changeSetting(kind);
        expect(problems).toEqual([]);
        expect(comparable(catalog.get(kind), after.body, unknown)).toEqual(comparable(catalog.get(kind), desired, []));
      });
      if (c.findings?.secretKept) it.todo(`${kind}: ${c.findings.secretKept}`);
      else
        it(`${kind}: the unknown secret is still set afterwards, or the writer declares the object it replaces whole`, async () => {
          const { unknown, after } = await changeSetting(kind);
          for (const pointer of unknown) {
            // a replaced object loses what the backup does not know: the planner warns from the declaration
            if (replaced(kind, pointer, false)) expect([pointer, getAt(after.body, pointer)]).toEqual([pointer, undefined]);
            else expect([pointer, isSecretMarker(getAt(after.body, pointer))]).toEqual([pointer, true]);
          }
        });
    }
  });
});
