import { SimHarness } from './support/sim-harness';
import { MASK } from '../src/state/views';

describe('simulator resources', () => {
  let h: SimHarness;
  const client = () => h.client();
  const raw = () => h.sim.state.workspaces.get('staging')!;

  beforeAll(async () => {
    h = await SimHarness.start({
      workspaces: [
        { slug: 'staging', token: 'sim_staging', size: 200, env: 'staging' },
        { slug: 'empty', token: 'sim_empty', size: 0 },
      ],
    });
  });
  afterAll(() => h.stop());

  async function catalogIds() {
    const destinations = await client().get('/catalog/destinations', { pagination: { count: 200 } });
    const sources = await client().get('/catalog/sources', { pagination: { count: 200 } });
    const warehouses = await client().get('/catalog/warehouses');
    const find = (list: Array<{ slug: string; id: string }>, slug: string) => list.find((e) => e.slug === slug)!;
    return {
      amplitude: find(destinations.body.data.destinationsCatalog, 'amplitude'),
      webhooks: find(destinations.body.data.destinationsCatalog, 'actions-webhook'),
      hubspot: find(destinations.body.data.destinationsCatalog, 'actions-hubspot-cloud'),
      javascript: find(sources.body.data.sourcesCatalog, 'javascript'),
      stripe: find(sources.body.data.sourcesCatalog, 'stripe'),
      redshift: find(warehouses.body.data.warehousesCatalog, 'redshift'),
    };
  }

  async function newSource(slug: string) {
    const { javascript } = await catalogIds();
    const res = await client().post('/sources', { slug, enabled: true, metadataId: javascript.id });
    expect(res.status).toBe(201);
    return res.body.data.source;
  }

  describe('sources: name only by update', () => {
    it('refuses a name on create, naming the field', async () => {
      const { javascript } = await catalogIds();
      const res = await client().post('/sources', { slug: 'named-on-create', enabled: true, metadataId: javascript.id, name: 'Nope' });
      expect(res.status).toBe(422);
      expect(res.body.errors[0]).toMatchObject({ type: 'ValidationFailure', field: 'name' });
      expect(res.body.errors[0].message).toMatch(/updateSource/);
    });

    it('creates with the slug as name and a server-generated write key, then renames by PATCH', async () => {
      const source = await newSource('checkout-web');
      expect(source.name).toBe('checkout-web');
      expect(source.writeKeys).toHaveLength(1);
      expect(source.writeKeys[0]).toMatch(/^[A-Za-z0-9]{32}$/);
      const renamed = await client().patch(`/sources/${source.id}`, { name: 'Checkout (web)' });
      expect(renamed.body.data.source.name).toBe('Checkout (web)');
      const fetched = await client().get(`/sources/${source.id}`);
      expect(fetched.body.data.source.name).toBe('Checkout (web)');
      expect(fetched.body.data).toHaveProperty('trackingPlanId', null);
    });

    it('answers 409 for a duplicate slug and 422 for an invalid one', async () => {
      await newSource('dup-slug');
      const { javascript } = await catalogIds();
      const dup = await client().post('/sources', { slug: 'dup-slug', enabled: true, metadataId: javascript.id });
      expect(dup.status).toBe(409);
      const bad = await client().post('/sources', { slug: 'Bad Slug', enabled: true, metadataId: javascript.id });
      expect(bad.status).toBe(422);
      expect(bad.body.errors[0].field).toBe('slug');
    });

    it('hides write keys from a token without Source Admin', async () => {
      await h.admin('POST', '/workspaces/staging/tokens', { token: 'sim_staging_readonly', sourceAdmin: false });
      const res = await h.client('sim_staging_readonly').get('/sources', { pagination: { count: 5 } });
      expect(res.body.data.sources.every((s: { writeKeys: string[] }) => s.writeKeys.length === 0)).toBe(true);
    });
  });

  describe('immutable (create-only) fields', () => {
    it.each([
      [
        'destination sourceId',
        async () => {
          const d = raw().destinations.values()[0]!;
          return [await client().patch(`/destinations/${d.id}`, { sourceId: 'other' }), 'sourceId'] as const;
        },
      ],
      [
        'destination metadataId',
        async () => {
          const d = raw().destinations.values()[0]!;
          return [await client().patch(`/destinations/${d.id}`, { metadataId: 'other' }), 'metadataId'] as const;
        },
      ],
      [
        'source metadataId',
        async () => {
          const s = raw().sources.values()[0]!;
          return [await client().patch(`/sources/${s.id}`, { metadataId: 'other' }), 'metadataId'] as const;
        },
      ],
      [
        'tracking plan type',
        async () => {
          const p = raw().trackingPlans.values()[0]!;
          return [await client().patch(`/tracking-plans/${p.id}`, { type: 'TEMPLATE' }), 'type'] as const;
        },
      ],
      [
        'function resourceType',
        async () => {
          const f = raw().functions.values()[0]!;
          return [await client().patch(`/functions/${f.id}`, { resourceType: 'SOURCE' }), 'resourceType'] as const;
        },
      ],
      [
        'subscription actionId',
        async () => {
          const [destinationId, subs] = [...raw().subscriptions].find(([, c]) => c.size > 0)!;
          const sub = subs.values()[0]!;
          return [
            await client().patch(`/destinations/${destinationId}/subscriptions/${sub.id}`, { input: { actionId: 'x' } }),
            'input.actionId',
          ] as const;
        },
      ],
      [
        'filter destinationId',
        async () => {
          const [destinationId, filters] = [...raw().filters].find(([, c]) => c.size > 0)!;
          const filter = filters.values()[0]!;
          return [
            await client().patch(`/destination/${destinationId}/filters/${filter.id}`, { destinationId: 'x' }),
            'destinationId',
          ] as const;
        },
      ],
    ])('rejects a change of %s with 422 naming the field', async (_name, act) => {
      const [res, field] = await act();
      expect(res.status).toBe(422);
      expect(res.body.errors[0]).toMatchObject({ type: 'ValidationFailure', field });
      expect(res.body.errors[0].message).toMatch(/cannot be changed/);
    });
  });

  describe('secrets', () => {
    it('masks secret destination settings on read but keeps them', async () => {
      const { amplitude } = await catalogIds();
      const source = await newSource('masking-source');
      const created = await client().post('/destinations', {
        sourceId: source.id,
        metadataId: amplitude.id,
        settings: { apiKey: 'amp-secret-123', trackAllPages: true },
        name: 'Amplitude (masking)',
      });
      expect(created.status).toBe(200);
      expect(created.body.data.destination.settings).toEqual({ apiKey: MASK, trackAllPages: true });
      const read = await client().get(`/destinations/${created.body.data.destination.id}`);
      expect(read.body.data.destination.settings.apiKey).toBe(MASK);
      expect(raw().destinations.get(created.body.data.destination.id)!.settings.apiKey).toBe('amp-secret-123');
    });

    it('stores a masked value sent back literally, as Segment would (the real secret is lost)', async () => {
      const d = raw()
        .destinations.values()
        .find((x) => Object.values(x.settings).some((v) => typeof v === 'string' && v.startsWith('api_')))!;
      const key = Object.entries(d.settings).find(([, v]) => typeof v === 'string' && v.startsWith('api_'))![0];
      const res = await client().patch(`/destinations/${d.id}`, { settings: { [key]: MASK } });
      expect(res.status).toBe(200);
      expect(raw().destinations.get(d.id)!.settings[key]).toBe(MASK);
    });

    it('merges settings on PATCH: keys not sent are kept, null removes', async () => {
      const { amplitude } = await catalogIds();
      const source = await newSource('merge-source');
      const created = await client().post('/destinations', {
        sourceId: source.id,
        metadataId: amplitude.id,
        settings: { apiKey: 'k', trackAllPages: true, trackNamedPages: false },
      });
      const id = created.body.data.destination.id;
      await client().patch(`/destinations/${id}`, { settings: { trackNamedPages: true, trackAllPages: null } });
      expect(raw().destinations.get(id)!.settings).toEqual({ apiKey: 'k', trackNamedPages: true });
    });

    it('omits warehouse passwords and reports the name inside settings', async () => {
      const { redshift } = await catalogIds();
      const res = await client().post('/warehouses', {
        metadataId: redshift.id,
        name: 'Analytics RS',
        settings: { hostname: 'rs.example.com', port: '5439', database: 'dw', username: 'seg', password: 'hunter2' },
      });
      expect(res.status).toBe(201);
      expect(res.body.data.warehouse.settings).not.toHaveProperty('password');
      expect(res.body.data.warehouse.settings.name).toBe('Analytics RS');
      expect(raw().warehouses.get(res.body.data.warehouse.id)!.settings.password).toBe('hunter2');
    });

    it('masks PASSWORD fields of action subscriptions', async () => {
      const { webhooks } = await catalogIds();
      const source = await newSource('webhook-source');
      const dest = await client().post('/destinations', { sourceId: source.id, metadataId: webhooks.id, settings: {} });
      const meta = await client().get(`/catalog/destinations/${webhooks.id}`);
      const send = meta.body.data.destinationMetadata.actions.find((a: { slug: string }) => a.slug === 'send');
      const sub = await client().post(`/destinations/${dest.body.data.destination.id}/subscriptions`, {
        name: 'Send orders',
        actionId: send.id,
        trigger: 'event = "Order Completed"',
        enabled: true,
        settings: { url: 'https://hooks.example.com/x', method: 'POST', authToken: 'tok-123' },
      });
      expect(sub.status).toBe(200);
      expect(sub.body.data.destinationSubscription.settings).toMatchObject({ url: 'https://hooks.example.com/x', authToken: MASK });
      expect(sub.body.data.destinationSubscription.actionSlug).toBe('send');
    });

    it('ignores read-only settings on a mixed PATCH and answers 400 when only read-only ones are sent', async () => {
      const { hubspot } = await catalogIds();
      const source = await newSource('hubspot-source');
      const dest = await client().post('/destinations', { sourceId: source.id, metadataId: hubspot.id, settings: { portalId: '123' } });
      const id = dest.body.data.destination.id;
      expect(raw().destinations.get(id)!.settings).toEqual({});
      const only = await client().patch(`/destinations/${id}`, { settings: { portalId: '999' } });
      expect(only.status).toBe(400);
      expect(only.body.errors[0].field).toBe('settings');
    });
  });

  describe('conflicts and errors', () => {
    it('answers 409 when deleting a source that destinations still use', async () => {
      const d = raw().destinations.values()[0]!;
      const res = await client().delete(`/sources/${d.sourceId}`);
      expect(res.status).toBe(409);
      expect(res.body.errors[0].type).toBe('Conflict');
      expect(raw().sources.has(d.sourceId)).toBe(true);
    });

    it('answers 409 when deleting a tracking plan still connected to sources', async () => {
      const [planId] = [...raw().trackingPlanSources].find(([, c]) => c.size > 0)!;
      expect((await client().delete(`/tracking-plans/${planId}`)).status).toBe(409);
    });

    it('answers 409 when deleting a label in use', async () => {
      const labelled = raw()
        .sources.values()
        .find((s) => s.labels.length > 0)!;
      const { key, value } = labelled.labels[0]!;
      expect((await client().delete(`/labels/${key}/${value}`)).status).toBe(409);
    });

    it('answers 409 for a second instance of a single-instance destination on one source', async () => {
      const { amplitude } = await catalogIds();
      const source = await newSource('single-instance');
      expect((await client().post('/destinations', { sourceId: source.id, metadataId: amplitude.id, settings: {} })).status).toBe(200);
      expect((await client().post('/destinations', { sourceId: source.id, metadataId: amplitude.id, settings: {} })).status).toBe(409);
    });

    it('deletes a destination together with its filters and subscriptions', async () => {
      const [destinationId] = [...raw().filters].find(
        ([id, c]) =>
          c.size > 0 &&
          raw().destinations.has(id) &&
          !raw()
            .insertFunctionInstances.values()
            .some((i) => i.integrationId === id),
      )!;
      expect((await client().delete(`/destinations/${destinationId}`)).status).toBe(200);
      expect((await client().get(`/destinations/${destinationId}`)).status).toBe(404);
      expect((await client().get(`/destination/${destinationId}/filters`)).status).toBe(404);
    });

    it('answers 404 for unknown ids and routes, 401 without or with a bad token', async () => {
      expect((await client().get('/sources/doesNotExist')).status).toBe(404);
      expect((await client().get('/destination/nope/filters/nope')).status).toBe(404);
      expect((await client().get('/no-such-endpoint')).status).toBe(404);
      expect((await h.client('wrong-token').get('/sources')).status).toBe(401);
      const res = await fetch(`${h.url}/sources`);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { errors: Array<{ type: string }> }).errors[0]!.type).toBe('Unauthorized');
    });

    it.each([
      ['a missing required field', '/sources', { enabled: true, metadataId: 'x' }, 'slug'],
      ['a wrong type', '/sources', { slug: 'ok-slug', enabled: 'yes', metadataId: 'x' }, 'enabled'],
      ['an unknown field', '/labels', { label: { key: 'a', value: 'b' }, colour: 'red' }, 'colour'],
      ['a nested field', '/labels', { label: { key: 'a' } }, 'label.value'],
      ['an unknown catalog id', '/sources', { slug: 'ok-slug-2', enabled: true, metadataId: 'nope' }, 'metadataId'],
      [
        'a reference to an unknown source',
        '/transformations',
        { name: 't', sourceId: 'x', enabled: true, if: 'type = "track"' },
        'sourceId',
      ],
    ])('answers 422 naming the field for %s', async (_case, path, body, field) => {
      const res = await client().post(path, body);
      expect(res.status).toBe(422);
      expect(res.body.errors[0]).toMatchObject({ type: 'ValidationFailure', field });
    });

    it('answers 422 for a malformed FQL condition', async () => {
      const [destinationId] = [...raw().filters].find(([id]) => raw().destinations.has(id))!;
      const res = await client().post(`/destination/${destinationId}/filters`, {
        if: 'event = "unbalanced',
        actions: [{ type: 'DROP' }],
        enabled: true,
      });
      expect(res.status).toBe(422);
      expect(res.body.errors[0].field).toBe('if');
    });

    it('answers 400 for a body that is not JSON and 406 for a version the endpoint does not have', async () => {
      const bad = await fetch(`${h.url}/labels`, {
        method: 'POST',
        headers: { Authorization: 'Bearer sim_staging', 'Content-Type': 'application/json' },
        body: '{nope',
      });
      expect(bad.status).toBe(400);
      const d = raw().destinations.values()[0]!;
      const v1 = await client().call('GET', `/destinations/${d.id}/subscriptions`, {
        headers: { Accept: 'application/vnd.segment.v1+json' },
      });
      expect(v1.status).toBe(406);
      const alpha = await client().call('GET', `/destinations/${d.id}/subscriptions`, {
        headers: { Accept: 'application/vnd.segment.v1alpha+json' },
      });
      expect(alpha.status).toBe(200);
      expect(alpha.headers.get('content-type')).toBe('application/vnd.segment.v1alpha+json');
    });
  });

  describe('tracking plans', () => {
    async function plan(name: string) {
      const res = await client().post('/tracking-plans', { name, type: 'LIVE' });
      expect(res.status).toBe(200);
      return res.body.data.trackingPlan.id as string;
    }
    const rule = (i: number) => ({
      type: 'TRACK',
      key: `Event ${i}`,
      version: 1,
      jsonSchema: { type: 'object', properties: { properties: { type: 'object' } } },
    });

    it('upserts, renames and deletes rules', async () => {
      const id = await plan('Rules plan');
      expect((await client().patch(`/tracking-plans/${id}/rules`, { rules: [rule(1), rule(2)] })).status).toBe(200);
      expect((await client().patch(`/tracking-plans/${id}/rules`, { rules: [{ ...rule(1), newKey: 'Event One' }] })).status).toBe(200);
      const del = await client().delete(`/tracking-plans/${id}/rules`, { rules: [{ type: 'TRACK', key: 'Event 2', version: 1 }] });
      expect(del.status).toBe(200);
      const { items } = await client().listAll(`/tracking-plans/${id}/rules`, 'rules');
      expect(items.map((r: { key: string }) => r.key)).toEqual(['Event One']);
    });

    it('refuses to PUT-replace the rules of a plan holding more than 200 rules', async () => {
      const id = await plan('Big plan');
      const rules = Array.from({ length: 201 }, (_, i) => rule(i));
      expect((await client().put(`/tracking-plans/${id}/rules`, { rules })).status).toBe(200);
      const again = await client().put(`/tracking-plans/${id}/rules`, { rules: [rule(1)] });
      expect(again.status).toBe(422);
      expect(again.body.errors[0].message).toMatch(/Please use DELETE and PATCH/);
    });

    it('refuses tracking-plan requests over 2 MB with 413', async () => {
      const id = await plan('Huge request');
      const fat = { ...rule(1), jsonSchema: { description: 'x'.repeat(2.1 * 1024 * 1024) } };
      const res = await client().patch(`/tracking-plans/${id}/rules`, { rules: [fat] });
      expect(res.status).toBe(413);
    });

    it('connects a source to at most one plan', async () => {
      const a = await plan('Plan A');
      const b = await plan('Plan B');
      const source = await newSource('tp-source');
      expect((await client().post(`/tracking-plans/${a}/sources`, { sourceId: source.id })).status).toBe(200);
      expect((await client().post(`/tracking-plans/${b}/sources`, { sourceId: source.id })).status).toBe(409);
      expect((await client().get(`/sources/${source.id}`)).body.data.trackingPlanId).toBe(a);
      expect((await client().delete(`/tracking-plans/${a}/sources`, { sourceId: source.id })).status).toBe(200);
    });
  });

  describe('functions', () => {
    it("appends the workspace to a destination function's name and serves it as a destination catalog entry", async () => {
      const fn = await client().post('/functions', {
        code: 'async function onTrack() {}',
        displayName: 'Forwarder',
        resourceType: 'DESTINATION',
        settings: [{ name: 'token', label: 'Token', description: 'secret token', type: 'STRING', required: true, sensitive: true }],
      });
      expect(fn.status).toBe(200);
      expect(fn.body.data.function.displayName).toBe('Forwarder (staging)');
      expect(fn.body.data.function.id).toBe(`dfn_${fn.body.data.function.catalogId}`);
      const source = await newSource('fn-source');
      const dest = await client().post('/destinations', {
        sourceId: source.id,
        metadataId: fn.body.data.function.catalogId,
        settings: { token: 'abc' },
      });
      expect(dest.status).toBe(200);
      expect(dest.body.data.destination.settings.token).toBe(MASK);
      expect((await client().delete(`/functions/${fn.body.data.function.id}`)).status).toBe(409);
    });

    it('wants insert-function ids without their prefix', async () => {
      const fn = await client().post('/functions', { code: 'x', displayName: 'Enricher', resourceType: 'INSERT_DESTINATION' });
      const d = raw().destinations.values()[0]!;
      const prefixed = await client().post('/insert-function-instances', {
        functionId: fn.body.data.function.id,
        integrationId: d.id,
        name: 'i',
        settings: {},
      });
      expect(prefixed.status).toBe(422);
      expect(prefixed.body.errors[0].field).toBe('functionId');
      const bare = await client().post('/insert-function-instances', {
        functionId: fn.body.data.function.catalogId,
        integrationId: d.id,
        name: 'i',
        settings: {},
      });
      expect(bare.status).toBe(200);
    });

    it("moves an insert function's sensitive settings into encryptedSettings, masked", async () => {
      const fn = await client().post('/functions', {
        code: 'x',
        displayName: 'Secretive',
        resourceType: 'INSERT_DESTINATION',
        settings: [{ name: 'apiKey', label: 'Key', description: 'k', type: 'STRING', required: true, sensitive: true }],
      });
      const d = raw().destinations.values()[1]!;
      const res = await client().post('/insert-function-instances', {
        functionId: fn.body.data.function.catalogId,
        integrationId: d.id,
        name: 'j',
        settings: { apiKey: 'plain-secret', region: 'eu' },
      });
      expect(res.body.data.insertFunctionInstance.settings).toEqual({ region: 'eu' });
      expect(res.body.data.insertFunctionInstance.encryptedSettings).toEqual({ apiKey: MASK });
      expect(JSON.stringify(res.body)).not.toContain('plain-secret');
    });

    it('lists functions without code and gets them with it', async () => {
      const list = await client().get('/functions', { resourceType: 'SOURCE' });
      expect(list.status).toBe(200);
      const item = list.body.data.functions[0];
      expect(item).not.toHaveProperty('code');
      const full = await client().get(`/functions/${item.id}`);
      expect(full.body.data.function.code).toEqual(expect.any(String));
      expect((await client().get('/functions')).body.errors[0].field).toBe('resourceType');
    });
  });

  describe('IAM', () => {
    it('invites an unknown email added to a group; accepting makes a user and a member', async () => {
      const group = await client().post('/groups', { name: 'Onboarding' });
      const id = group.body.data.userGroup.id;
      await client().post(`/groups/${id}/users`, { emails: ['newbie@acme.example'] });
      expect((await client().get(`/groups/${id}/invites`)).body.data.emails).toEqual(['newbie@acme.example']);
      expect((await client().get('/invites')).body.data.invites).toContain('newbie@acme.example');
      await h.admin('POST', '/workspaces/staging/invites/newbie@acme.example/accept', { name: 'New Bie' });
      const members = await client().get(`/groups/${id}/users`);
      expect(members.body.data.users.map((u: { email: string }) => u.email)).toEqual(['newbie@acme.example']);
    });

    it('validates the role and resources of permissions', async () => {
      const group = await client().post('/groups', { name: 'Perms' });
      const id = group.body.data.userGroup.id;
      const bad = await client().put(`/groups/${id}/permissions`, { permissions: [{ roleId: 'nope', resources: [] }] });
      expect(bad.status).toBe(422);
      expect(bad.body.errors[0].field).toBe('permissions[0].roleId');
      const role = raw()
        .roles.values()
        .find((r) => r.name === 'Source Admin')!;
      const source = raw().sources.values()[0]!;
      const ok = await client().put(`/groups/${id}/permissions`, {
        permissions: [{ roleId: role.id, resources: [{ id: source.id, type: 'SOURCE' }] }],
      });
      expect(ok.body.data.permissions[0]).toMatchObject({ roleId: role.id, roleName: 'Source Admin' });
    });
  });

  it('keeps workspaces apart: each token sees its own', async () => {
    const ws = await h.client('sim_empty').get('/');
    expect(ws.body.data.workspace.slug).toBe('empty');
    expect((await h.client('sim_empty').get('/sources')).body.data.sources).toEqual([]);
    expect((await h.client('sim_empty').get('/roles')).body.data.roles.length).toBeGreaterThan(5);
  });
});
