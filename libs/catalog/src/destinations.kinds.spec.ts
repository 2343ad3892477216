import { JsonObject, SECRET_UNKNOWN } from '@app/core';
import { destinationFilterKind, destinationKind, destinationSubscriptionKind, reverseEtlModelKind } from './destinations.kinds';
import { sendThroughConnector } from '../../../test/support/connector-contract';
import { MASK, ctx, keys } from '../../../test/support/kind-fixtures';

/** A destination as GET /destinations returns it. */
const rawDestination: JsonObject = {
  id: '6409d2f7a8b1c3e4f5a6b7c8',
  name: 'Amplitude (web)',
  enabled: true,
  metadata: {
    id: '5d2f0a1b2c3d4e5f6a7b8c9d',
    name: 'Amplitude',
    slug: 'actions-amplitude',
    options: [],
    actions: [{ id: 'a1', slug: 'logEvent' }],
  },
  sourceId: 'qQEHquLrjRDN9j1ByrChyn',
  settings: { apiKey: MASK, secretKey: MASK, endpoint: 'europe', emptySecret: '' },
};

describe('destinationKind', () => {
  const body = destinationKind.normalize(rawDestination, ctx);

  it('reduces metadata to its id and masks secrets', () => {
    expect(body).toEqual({
      sourceId: 'qQEHquLrjRDN9j1ByrChyn',
      metadataId: '5d2f0a1b2c3d4e5f6a7b8c9d',
      enabled: true,
      settings: { apiKey: SECRET_UNKNOWN, secretKey: SECRET_UNKNOWN, endpoint: 'europe', emptySecret: '' },
      name: 'Amplitude (web)',
    });
  });

  it('leaves out a missing or null name', () => {
    expect(destinationKind.normalize({ ...rawDestination, name: null }, ctx)).not.toHaveProperty('name');
    const { name: _name, ...unnamed } = rawDestination;
    const unnamedBody = destinationKind.normalize(unnamed, ctx);
    expect(unnamedBody).not.toHaveProperty('name');
    expect(destinationKind.displayName(unnamedBody)).toBe('5d2f0a1b2c3d4e5f6a7b8c9d');
  });

  it('id and references (the metadata may be a destination function)', () => {
    expect(destinationKind.id(rawDestination, body)).toBe('6409d2f7a8b1c3e4f5a6b7c8');
    expect(destinationKind.references(body)).toEqual([
      { pointer: '/sourceId', kind: 'source', value: 'qQEHquLrjRDN9j1ByrChyn' },
      { pointer: '/metadataId', kind: 'function', value: '5d2f0a1b2c3d4e5f6a7b8c9d', by: 'catalogId', optional: true },
    ]);
  });

  it("natural key: source key, then the function's key or the catalog id, then the name", () => {
    expect(destinationKind.naturalKey(body, keys({ 'source:qQEHquLrjRDN9j1ByrChyn': 'web-app' }))).toBe(
      'web-app / 5d2f0a1b2c3d4e5f6a7b8c9d / Amplitude (web)',
    );
    const fnBody = { ...body, metadataId: 'fnCatalog' };
    expect(
      destinationKind.naturalKey(
        fnBody,
        keys({ 'source:qQEHquLrjRDN9j1ByrChyn': 'web-app', 'function:catalogId=fnCatalog': 'DESTINATION / Enricher' }),
      ),
    ).toBe('web-app / DESTINATION / Enricher / Amplitude (web)');
  });

  it('declares create-only and secret fields', () => {
    expect(destinationKind.createOnly).toEqual(['/sourceId', '/metadataId']);
    expect(destinationKind.secrets).toEqual(['/settings/*']);
  });
});

describe('destinationSubscriptionKind', () => {
  const raw: JsonObject = {
    id: 'sub_7Kq2',
    name: 'Track calls',
    actionId: 'nBv3Kd8sLq1Zx9',
    actionSlug: 'logEvent',
    destinationId: '6409d2f7a8b1c3e4f5a6b7c8',
    enabled: true,
    settings: { event_type: { '@path': '$.event' }, api_secret: MASK },
    trigger: 'type = "track"',
    modelId: 'model1',
  };
  const body = destinationSubscriptionKind.normalize(raw, { workspaceSlug: 'staging', parent: rawDestination });

  it('drops the id and the derived actionSlug, masks password fields', () => {
    expect(body).toEqual({
      name: 'Track calls',
      actionId: 'nBv3Kd8sLq1Zx9',
      destinationId: '6409d2f7a8b1c3e4f5a6b7c8',
      enabled: true,
      settings: { event_type: { '@path': '$.event' }, api_secret: SECRET_UNKNOWN },
      trigger: 'type = "track"',
      modelId: 'model1',
    });
  });

  it('id, natural key and references', () => {
    expect(destinationSubscriptionKind.id(raw, body)).toBe('sub_7Kq2');
    expect(
      destinationSubscriptionKind.naturalKey(body, keys({ 'destination:6409d2f7a8b1c3e4f5a6b7c8': 'web-app / amp / Amplitude (web)' })),
    ).toBe('web-app / amp / Amplitude (web) / Track calls');
    expect(destinationSubscriptionKind.references(body)).toEqual([
      { pointer: '/destinationId', kind: 'destination', value: '6409d2f7a8b1c3e4f5a6b7c8' },
      { pointer: '/modelId', kind: 'reverse-etl-model', value: 'model1' },
    ]);
    expect(destinationSubscriptionKind.references({ ...body, modelId: '' })).toHaveLength(1);
  });

  it('only Actions destinations are asked for subscriptions', () => {
    const when = destinationSubscriptionKind.parent!.when!;
    expect(when(rawDestination)).toBe(true);
    expect(when({ ...rawDestination, metadata: { id: 'x', actions: [] } })).toBe(false);
    expect(when({ ...rawDestination, metadata: { id: 'x' } })).toBe(false);
    expect(when({ id: 'd' })).toBe(false);
  });
});

describe('destinationFilterKind', () => {
  const raw: JsonObject = {
    id: '2Xk9PqLmN3oR4sT5uV6wY7zA8bC',
    sourceId: 'qQEHquLrjRDN9j1ByrChyn',
    destinationId: '6409d2f7a8b1c3e4f5a6b7c8',
    if: 'type = "identify"',
    actions: [{ type: 'DROP_PROPERTIES', fields: { traits: ['email'] } }],
    title: 'Drop email',
    description: 'PII',
    enabled: true,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-02-01T00:00:00.000Z',
  };
  const body = destinationFilterKind.normalize(raw, { workspaceSlug: 'staging', parent: rawDestination });

  it('drops the id and timestamps and keeps the rest', () => {
    expect(body).toEqual({
      sourceId: 'qQEHquLrjRDN9j1ByrChyn',
      destinationId: '6409d2f7a8b1c3e4f5a6b7c8',
      if: 'type = "identify"',
      actions: [{ type: 'DROP_PROPERTIES', fields: { traits: ['email'] } }],
      title: 'Drop email',
      description: 'PII',
      enabled: true,
    });
  });

  it('id, natural key, display name and references', () => {
    expect(destinationFilterKind.id(raw, body)).toBe('2Xk9PqLmN3oR4sT5uV6wY7zA8bC');
    expect(destinationFilterKind.naturalKey(body, keys({ 'destination:6409d2f7a8b1c3e4f5a6b7c8': 'web / amp / A' }))).toBe(
      'web / amp / A / Drop email',
    );
    expect(destinationFilterKind.displayName(body)).toBe('Drop email');
    expect(destinationFilterKind.references(body).map((r) => `${r.kind}:${r.value}`)).toEqual([
      'destination:6409d2f7a8b1c3e4f5a6b7c8',
      'source:qQEHquLrjRDN9j1ByrChyn',
    ]);
    expect(destinationFilterKind.parent?.kind).toBe('destination');
  });
});

describe('reverseEtlModelKind', () => {
  const raw: JsonObject = {
    id: 'model1',
    sourceId: 'warehouseSource1',
    name: 'Active users',
    description: 'users seen in 30 days',
    enabled: true,
    query: 'select * from users',
    queryIdentifierColumn: 'id',
  };
  const body = reverseEtlModelKind.normalize(raw, ctx);

  it('drops only the id', () => {
    const { id: _id, ...rest } = raw;
    expect(body).toEqual(rest);
  });

  it('id, natural key and references', () => {
    expect(reverseEtlModelKind.id(raw, body)).toBe('model1');
    expect(reverseEtlModelKind.naturalKey(body, keys({ 'source:warehouseSource1': 'snowflake-src' }))).toBe('snowflake-src / Active users');
    expect(reverseEtlModelKind.references(body)).toEqual([{ pointer: '/sourceId', kind: 'source', value: 'warehouseSource1' }]);
    expect(reverseEtlModelKind.createOnly).toEqual(['/sourceId']);
  });
});

describe('alpha-only endpoints, as the connector sends to them', () => {
  const subscription = {
    destinationId: 'dst_1',
    name: 'Send',
    actionId: 'act_1',
    trigger: 'type = "track"',
    enabled: true,
    settings: { url: 'https://hooks.example.com' },
  };
  const model = { sourceId: 'src_1', name: 'Users', description: 'd', enabled: true, query: 'select 1', queryIdentifierColumn: 'id' };

  it('creates and updates subscriptions in the v1alpha media type, the only one those endpoints take', async () => {
    const create = await sendThroughConnector(destinationSubscriptionKind.write!.create(subscription));
    expect(create.violations).toEqual([]);
    expect(create.sent.headers['content-type']).toBe('application/vnd.segment.v1alpha+json');
    const [update] = destinationSubscriptionKind.write!.update!('sub_1', { ...subscription, enabled: false }, subscription);
    expect((await sendThroughConnector(update!)).violations).toEqual([]);
  });

  it('creates and updates Reverse ETL models in the v1alpha media type', async () => {
    expect((await sendThroughConnector(reverseEtlModelKind.write!.create(model))).violations).toEqual([]);
    const [update] = reverseEtlModelKind.write!.update!('mdl_1', { ...model, enabled: false }, model);
    expect((await sendThroughConnector(update!)).violations).toEqual([]);
  });
});
