import { SimHarness } from './sim-harness';
import { Recorder } from './recorder';

/** Calls every operation at least once, as a client restoring a workspace would. */
export async function exerciseEverything(r: Recorder, h: SimHarness): Promise<void> {
  const ws = h.sim.state.workspaces.get('staging')!;
  await r.call('GET', '/');
  await r.call('GET', '/audit-events', { query: { pagination: { count: 5 } } });

  const sourcesCatalog = await r.call('GET', '/catalog/sources', { query: { pagination: { count: 100 } } });
  const js = sourcesCatalog.sourcesCatalog.find((s: { slug: string }) => s.slug === 'javascript');
  const retl = sourcesCatalog.sourcesCatalog.find((s: { slug: string }) => s.slug === 'snowflake-reverse-etl');
  await r.call('GET', `/catalog/sources/${js.id}`);
  const destinationsCatalog = await r.call('GET', '/catalog/destinations', { query: { pagination: { count: 100 } } });
  const webhooks = destinationsCatalog.destinationsCatalog.find((d: { slug: string }) => d.slug === 'actions-webhook');
  await r.call('GET', `/catalog/destinations/${webhooks.id}`);
  const warehousesCatalog = await r.call('GET', '/catalog/warehouses');
  const redshift = warehousesCatalog.warehousesCatalog.find((w: { slug: string }) => w.slug === 'redshift');
  await r.call('GET', `/catalog/warehouses/${redshift.id}`);
  await r.call('GET', '/catalog/warehouses/nope', {}, 404);

  // labels
  await r.call('GET', '/labels');
  await r.call('POST', '/labels', { body: { label: { key: 'conformance', value: 'yes', description: 'made by the test' } } });
  await r.call('POST', '/labels', { body: { label: { key: 'conformance' } } }, 422);
  // the same operation in its alpha version answers with every label (v32 createLabel, v1alpha)
  const alpha = await r.call('POST', '/labels', {
    body: { label: { key: 'conformance', value: 'alpha' } },
    headers: { Accept: 'application/vnd.segment.v1alpha+json' },
  });
  if (!Array.isArray(alpha.labels)) throw new Error(`createLabel v1alpha answered ${JSON.stringify(alpha)}`);
  await r.call('DELETE', '/labels/conformance/alpha');

  // sources
  await r.call('GET', '/sources', { query: { pagination: { count: 10 } } });
  const source = (await r.call('POST', '/sources', { body: { slug: 'conformance-web', enabled: true, metadataId: js.id } })).source;
  const other = (await r.call('POST', '/sources', { body: { slug: 'conformance-violations', enabled: true, metadataId: js.id } })).source;
  await r.call('GET', `/sources/${source.id}`);
  await r.call('GET', '/sources/nope', {}, 404);
  await r.call('PATCH', `/sources/${source.id}`, { body: { name: 'Conformance (web)', settings: {} } });
  await r.call('POST', `/sources/${source.id}/labels`, { body: { labels: [{ key: 'conformance', value: 'yes' }] } });
  await r.call('PUT', `/sources/${source.id}/labels`, { body: { labels: [] } });
  await r.call('GET', `/sources/${source.id}/settings`);
  await r.call('PATCH', `/sources/${source.id}/settings`, {
    body: { track: { allowUnplannedEvents: false, commonEventOnViolations: 'BLOCK' }, forwardingViolationsTo: other.id },
  });
  await r.call('GET', `/sources/${source.id}/connected-destinations`);
  await r.call('GET', `/sources/${source.id}/connected-warehouses`);
  const withKey = (await r.call('POST', `/sources/${source.id}/writekey`)).source;
  await r.call('DELETE', `/sources/${source.id}/writekey/${withKey.writeKeys[0]}`);

  // destinations, filters, subscriptions
  await r.call('GET', '/destinations', { query: { pagination: { count: 20 } } });
  const destination = (
    await r.call('POST', '/destinations', {
      body: {
        sourceId: source.id,
        metadataId: webhooks.id,
        settings: { sharedSecret: 's3cret' },
        name: 'Conformance webhook',
        enabled: true,
      },
    })
  ).destination;
  await r.call('GET', `/destinations/${destination.id}`);
  await r.call('PATCH', `/destinations/${destination.id}`, { body: { enabled: false } });
  await r.call('GET', `/destination/${destination.id}/filters`);
  const filter = (
    await r.call('POST', `/destination/${destination.id}/filters`, {
      body: { if: 'type = "identify"', actions: [{ type: 'DROP' }], title: 'Drop identifies', enabled: true },
    })
  ).filter;
  await r.call('GET', `/destination/${destination.id}/filters/${filter.id}`);
  await r.call('PATCH', `/destination/${destination.id}/filters/${filter.id}`, { body: { description: 'edited' } });
  await r.call('DELETE', `/destination/${destination.id}/filters/${filter.id}`);
  await r.call('GET', `/destinations/${destination.id}/subscriptions`);
  const action = webhooks.actions.find((a: { slug: string }) => a.slug === 'send');
  const subscription = (
    await r.call('POST', `/destinations/${destination.id}/subscriptions`, {
      body: {
        name: 'Send',
        actionId: action.id,
        trigger: 'type = "track"',
        enabled: true,
        settings: { url: 'https://hooks.example.com', authToken: 'x' },
      },
    })
  ).destinationSubscription;
  await r.call('GET', `/destinations/${destination.id}/subscriptions/${subscription.id}`);
  await r.call('PATCH', `/destinations/${destination.id}/subscriptions/${subscription.id}`, { body: { input: { enabled: false } } });
  await r.call('DELETE', `/destinations/${destination.id}/subscriptions/${subscription.id}`);

  // warehouses
  await r.call('GET', '/warehouses');
  const warehouse = (
    await r.call('POST', '/warehouses', {
      body: {
        metadataId: redshift.id,
        name: 'Conformance RS',
        settings: { hostname: 'h', port: '5439', database: 'd', username: 'u', password: 'p' },
      },
    })
  ).warehouse;
  await r.call('GET', `/warehouses/${warehouse.id}`);
  await r.call('PATCH', `/warehouses/${warehouse.id}`, { body: { settings: { database: 'd2' }, enabled: false } });
  await r.call('POST', `/warehouses/${warehouse.id}/connected-sources/${source.id}`);
  await r.call('GET', `/warehouses/${warehouse.id}/connected-sources`);
  await r.call('PATCH', `/warehouses/${warehouse.id}/selective-sync`, {
    body: { syncOverrides: [{ sourceId: source.id, collection: 'pages', enabled: false }] },
  });
  await r.call('GET', `/warehouses/${warehouse.id}/connected-sources/${source.id}/selective-syncs`);
  await r.call('PUT', `/warehouses/${warehouse.id}/advanced-sync-schedule`, {
    body: { enabled: true, schedule: { times: [{ hourOfDay: 3, enabled: true }], timezone: 'Europe/Paris' } },
  });
  await r.call('GET', `/warehouses/${warehouse.id}/advanced-sync-schedule`);
  await r.call('DELETE', `/warehouses/${warehouse.id}/connected-sources/${source.id}`);
  await r.call('DELETE', `/warehouses/${warehouse.id}`);

  // tracking plans
  await r.call('GET', '/tracking-plans', { query: { type: 'LIVE' } });
  const plan = (await r.call('POST', '/tracking-plans', { body: { name: 'Conformance plan', type: 'LIVE', description: 'd' } }))
    .trackingPlan;
  await r.call('GET', `/tracking-plans/${plan.id}`);
  await r.call('PATCH', `/tracking-plans/${plan.id}`, { body: { description: 'edited' } });
  const rule = (key: string) => ({ type: 'TRACK', key, version: 1, jsonSchema: { type: 'object' } });
  await r.call('PUT', `/tracking-plans/${plan.id}/rules`, { body: { rules: [rule('A'), rule('B')] } });
  await r.call('PATCH', `/tracking-plans/${plan.id}/rules`, { body: { rules: [rule('C')] } });
  await r.call('GET', `/tracking-plans/${plan.id}/rules`);
  await r.call('DELETE', `/tracking-plans/${plan.id}/rules`, { query: { rules: [{ type: 'TRACK', key: 'A', version: 1 }] } });
  await r.call('POST', `/tracking-plans/${plan.id}/sources`, { body: { sourceId: source.id } });
  await r.call('GET', `/tracking-plans/${plan.id}/sources`);
  await r.call('DELETE', `/tracking-plans/${plan.id}/sources`, { query: { sourceId: source.id } });
  await r.call('DELETE', `/tracking-plans/${plan.id}`);

  // transformations
  await r.call('GET', '/transformations');
  const transformation = (
    await r.call('POST', '/transformations', {
      body: {
        name: 'Rename',
        sourceId: source.id,
        enabled: true,
        if: 'event = "A"',
        newEventName: 'B',
        hashPropertiesConfiguration: { hashingAlgo: 'SHA256', key: 'k', paths: ['properties.email'] },
      },
    })
  ).transformation;
  await r.call('GET', `/transformations/${transformation.id}`);
  await r.call('PATCH', `/transformations/${transformation.id}`, { body: { enabled: false } });
  await r.call('DELETE', `/transformations/${transformation.id}`);

  // functions and insert function instances
  await r.call('GET', '/functions', { query: { resourceType: 'DESTINATION', pagination: { count: 10 } } });
  const fn = (
    await r.call('POST', '/functions', {
      body: { code: 'async function onTrack() {}', displayName: 'Conformance source fn', resourceType: 'SOURCE', settings: [] },
    })
  ).function;
  await r.call('GET', `/functions/${fn.id}`);
  await r.call('PATCH', `/functions/${fn.id}`, { body: { code: 'async function onTrack() { return 1 }' } });
  await r.call('POST', `/functions/${fn.id}/deploy`);
  const versions = await r.call('GET', `/functions/${fn.id}/versions`);
  await r.call('GET', `/functions/${fn.id}/versions/${versions.versions[1].id}`);
  await r.call('POST', `/functions/${fn.id}/versions`, { body: { versionId: versions.versions[1].id } });
  await r.call('DELETE', `/functions/${fn.id}`);
  const insertFn = (
    await r.call('POST', '/functions', { body: { code: 'x', displayName: 'Conformance insert fn', resourceType: 'INSERT_DESTINATION' } })
  ).function;
  await r.call('GET', '/insert-function-instances', { query: { functionId: insertFn.catalogId } });
  const instance = (
    await r.call('POST', '/insert-function-instances', {
      body: { functionId: insertFn.catalogId, integrationId: destination.id, name: 'Enrich', settings: {} },
    })
  ).insertFunctionInstance;
  await r.call('GET', `/insert-function-instances/${instance.id}`);
  await r.call('PATCH', `/insert-function-instances/${instance.id}`, { body: { settings: { a: 1 }, enabled: true } });
  await r.call('DELETE', `/insert-function-instances/${instance.id}`);

  // reverse ETL and credentials
  const retlSource = (await r.call('POST', '/sources', { body: { slug: 'conformance-warehouse', enabled: true, metadataId: retl.id } }))
    .source;
  await r.call('GET', '/reverse-etl-models');
  const model = (
    await r.call('POST', '/reverse-etl-models', {
      body: { sourceId: retlSource.id, name: 'Users', description: 'd', enabled: true, query: 'select 1', queryIdentifierColumn: 'id' },
    })
  ).reverseEtlModel;
  await r.call('GET', `/reverse-etl-models/${model.id}`);
  await r.call('PATCH', `/reverse-etl-models/${model.id}`, { body: { enabled: false } });
  await r.call('DELETE', `/reverse-etl-models/${model.id}`);
  await r.call('GET', '/credentials');
  const credential = (
    await r.call('POST', '/credentials', {
      body: { name: 'Conformance cred', settings: { type: 'Snowflake', account: 'a', password: 'p' } },
    })
  ).credential;
  await r.call('GET', `/credentials/${credential.id}`);
  await r.call('PATCH', `/credentials/${credential.id}`, { body: { name: 'Renamed cred' } });
  await r.call('GET', `/credentials/${credential.id}/consumers`);
  await r.call('DELETE', `/credentials/${credential.id}`);

  // IAM
  const roles = await r.call('GET', '/roles');
  const roleId = roles.roles.find((role: { name: string }) => role.name === 'Source Admin').id;
  await r.call('GET', '/groups');
  const group = (await r.call('POST', '/groups', { body: { name: 'Conformance group' } })).userGroup;
  await r.call('GET', `/groups/${group.id}`);
  await r.call('PATCH', `/groups/${group.id}`, { body: { name: 'Conformance group 2' } });
  const user = ws.users.values()[0]!;
  await r.call('POST', `/groups/${group.id}/users`, { body: { emails: [user.email, 'invitee@acme.example'] } });
  await r.call('GET', `/groups/${group.id}/users`);
  await r.call('GET', `/groups/${group.id}/invites`);
  await r.call('PUT', `/group/${group.id}/users`, { body: { emails: [user.email] } });
  await r.call('DELETE', `/group/${group.id}/users`, { query: { emails: [user.email] } });
  await r.call('POST', `/groups/${group.id}/permissions`, {
    body: { permissions: [{ roleId, resources: [{ id: source.id, type: 'SOURCE' }] }] },
  });
  await r.call('PUT', `/groups/${group.id}/permissions`, {
    body: { permissions: [{ roleId, resources: [{ id: ws.id, type: 'WORKSPACE' }] }] },
  });
  await r.call('DELETE', `/groups/${group.id}`);
  await r.call('GET', '/users');
  await r.call('GET', `/users/${user.id}`);
  await r.call('GET', `/users/${user.id}/groups`);
  await r.call('POST', `/users/${user.id}/permissions`, {
    body: { permissions: [{ roleId, resources: [{ id: source.id, type: 'SOURCE' }] }] },
  });
  await r.call('PUT', `/users/${user.id}/permissions`, {
    body: { permissions: [{ roleId, resources: [{ id: ws.id, type: 'WORKSPACE' }] }] },
  });
  await r.call('GET', '/invites');
  await r.call('POST', '/invites', {
    body: { invites: [{ email: 'conformance@acme.example', permissions: [{ roleId, resources: [{ id: ws.id, type: 'WORKSPACE' }] }] }] },
  });
  await r.call('DELETE', '/invites', { query: { emails: ['conformance@acme.example'] } });
  await r.call('DELETE', '/users', { query: { userIds: [ws.users.values()[1]!.id] } });

  // deletes in dependency order, and the conflicts Segment answers otherwise
  await r.call('DELETE', `/sources/${source.id}`, {}, 409);
  await r.call('DELETE', `/destinations/${destination.id}`);
  await r.call('DELETE', `/sources/${source.id}`);
  await r.call('DELETE', `/sources/${other.id}`);
  await r.call('DELETE', `/sources/${retlSource.id}`);
  await r.call('DELETE', '/labels/conformance/yes');
  await r.call('GET', '/audit-events', { query: { resourceType: 'source' } });
}
