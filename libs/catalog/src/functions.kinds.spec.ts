import { JsonObject, SECRET_UNKNOWN } from '@app/core';
import { FUNCTION_TYPES, functionKind, insertFunctionInstanceKind, stripWorkspaceSuffix } from './functions.kinds';
import { sendThroughConnector } from '../../../test/support/connector-contract';
import { MASK, keys } from '../../../test/support/kind-fixtures';

describe('stripWorkspaceSuffix', () => {
  it('strips exactly one trailing " (<workspace>)"', () => {
    expect(stripWorkspaceSuffix('Enricher (staging)', 'staging')).toBe('Enricher');
    expect(stripWorkspaceSuffix('Enricher (staging) (staging)', 'staging')).toBe('Enricher (staging)');
  });

  it('leaves other names alone', () => {
    expect(stripWorkspaceSuffix('Enricher', 'staging')).toBe('Enricher');
    expect(stripWorkspaceSuffix('Enricher (production)', 'staging')).toBe('Enricher (production)');
    expect(stripWorkspaceSuffix('Enricher(staging)', 'staging')).toBe('Enricher(staging)');
    expect(stripWorkspaceSuffix('Enricher (staging) v2', 'staging')).toBe('Enricher (staging) v2');
    expect(stripWorkspaceSuffix('', 'staging')).toBe('');
  });
});

/** A function as GET /functions/{id} returns it (the list omits code and settings). */
const rawFunction: JsonObject = {
  id: 'dfn_4bCdEfGhIjKlMnOpQrStUv',
  resourceType: 'DESTINATION',
  createdAt: '2024-01-01T00:00:00.000Z',
  createdBy: 'ops@example.com',
  displayName: 'Enricher (staging)',
  description: 'adds things',
  logoUrl: '',
  catalogId: '4bCdEfGhIjKlMnOpQrStUv',
  code: 'async function onTrack(event, settings) { return event }',
  deployedAt: '2024-01-02T00:00:00.000Z',
  settings: [{ name: 'apiKey', label: 'API key', description: '', type: 'STRING', required: true, sensitive: true }],
  previewWebhookUrl: '',
  batchMaxCount: 0,
  isLatestVersion: true,
  workspaceId: 'ws1',
  buildpack: 'boreal',
};

describe('functionKind', () => {
  const body = functionKind.normalize(rawFunction, { workspaceSlug: 'staging' });

  it('drops volatile fields, keeps code, settings definitions and the catalog id', () => {
    expect(body).toEqual({
      resourceType: 'DESTINATION',
      displayName: 'Enricher',
      description: 'adds things',
      logoUrl: '',
      catalogId: '4bCdEfGhIjKlMnOpQrStUv',
      code: 'async function onTrack(event, settings) { return event }',
      settings: [{ name: 'apiKey', label: 'API key', description: '', type: 'STRING', required: true, sensitive: true }],
      batchMaxCount: 0,
    });
  });

  it('strips the suffix of the workspace being read, not of another', () => {
    expect(functionKind.normalize(rawFunction, { workspaceSlug: 'production' }).displayName).toBe('Enricher (staging)');
  });

  it('leaves the names of other function types alone: Segment appends the workspace only to destination functions', () => {
    const source = functionKind.normalize(
      { ...rawFunction, id: 'sfnc_X', resourceType: 'SOURCE', displayName: 'Importer (staging)' },
      { workspaceSlug: 'staging' },
    );
    expect(source.displayName).toBe('Importer (staging)');
  });

  it('the same function read from two workspaces differs only in its identity fields', () => {
    const production = functionKind.normalize(
      { ...rawFunction, id: 'dfn_Other', catalogId: 'Other', displayName: 'Enricher (production)', createdAt: 'later' },
      { workspaceSlug: 'production' },
    );
    const { catalogId: _a, ...left } = body;
    const { catalogId: _b, ...right } = production;
    expect(right).toEqual(left);
    expect(functionKind.identity).toEqual(['/catalogId']);
  });

  it('masked values anywhere in the body become the marker', () => {
    const masked = functionKind.normalize({ ...rawFunction, description: MASK }, { workspaceSlug: 'staging' });
    expect(masked.description).toEqual(SECRET_UNKNOWN);
  });

  it('id, natural key and display name', () => {
    expect(functionKind.id(rawFunction, body)).toBe('dfn_4bCdEfGhIjKlMnOpQrStUv');
    expect(functionKind.naturalKey(body, keys({}))).toBe('DESTINATION / Enricher');
    expect(functionKind.displayName(body)).toBe('Enricher');
    expect(functionKind.createOnly).toEqual(['/resourceType']);
  });

  it('is listed once per function type and read in detail', () => {
    expect(functionKind.list.variants).toEqual(FUNCTION_TYPES.map((resourceType) => ({ resourceType })));
    expect(functionKind.list.detail).toEqual({ path: '/functions/{id}', key: 'function' });
  });
});

describe('insertFunctionInstanceKind', () => {
  /** As GET /insert-function-instances returns it: sensitive settings apart and masked. */
  const raw: JsonObject = {
    id: 'ifi_1',
    integrationId: '6409d2f7a8b1c3e4f5a6b7c8',
    classId: 'InsCatalog1',
    enabled: true,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    settings: { region: 'eu' },
    encryptedSettings: { apiKey: MASK },
    name: 'Scrubber',
  };
  const body = insertFunctionInstanceKind.normalize(raw, { workspaceSlug: 'staging' });

  it('merges settings and encrypted settings, masking secrets, and names the function by classId', () => {
    expect(body).toEqual({
      functionId: 'InsCatalog1',
      integrationId: '6409d2f7a8b1c3e4f5a6b7c8',
      enabled: true,
      settings: { region: 'eu', apiKey: SECRET_UNKNOWN },
      name: 'Scrubber',
    });
  });

  it('accepts functionId instead of classId, and no name', () => {
    const { name: _n, classId: _c, ...rest } = raw;
    const other = insertFunctionInstanceKind.normalize({ ...rest, functionId: 'InsCatalog1' }, { workspaceSlug: 'staging' });
    expect(other.functionId).toBe('InsCatalog1');
    expect(other).not.toHaveProperty('name');
  });

  it('id and references (integration is a destination or a source)', () => {
    expect(insertFunctionInstanceKind.id(raw, body)).toBe('ifi_1');
    expect(insertFunctionInstanceKind.references(body)).toEqual([
      { pointer: '/functionId', kind: 'function', value: 'InsCatalog1', by: 'catalogId' },
      { pointer: '/integrationId', kind: 'destination', value: '6409d2f7a8b1c3e4f5a6b7c8', optional: true },
      { pointer: '/integrationId', kind: 'source', value: '6409d2f7a8b1c3e4f5a6b7c8', optional: true },
    ]);
  });

  it('natural key: function, then destination or source, then name', () => {
    const fn = { 'function:catalogId=InsCatalog1': 'INSERT_DESTINATION / Scrub' };
    expect(insertFunctionInstanceKind.naturalKey(body, keys({ ...fn, 'destination:6409d2f7a8b1c3e4f5a6b7c8': 'web / amp / A' }))).toBe(
      'INSERT_DESTINATION / Scrub / web / amp / A / Scrubber',
    );
    expect(insertFunctionInstanceKind.naturalKey(body, keys({ ...fn, 'source:6409d2f7a8b1c3e4f5a6b7c8': 'web' }))).toBe(
      'INSERT_DESTINATION / Scrub / web / Scrubber',
    );
    expect(insertFunctionInstanceKind.naturalKey(body, keys({}))).toBe('? / ? / Scrubber');
  });
});

describe('insert function instance writes, as the connector sends them', () => {
  const instance = { functionId: '4bCdEfGhIjKlMnOpQrStUv', integrationId: 'dst_1', name: 'Enrich', enabled: true, settings: { a: 1 } };

  it('creates and updates in the v1alpha media type, naming the function by its class id', async () => {
    const create = await sendThroughConnector(insertFunctionInstanceKind.write!.create(instance));
    expect(create.violations).toEqual([]);
    expect(create.sent.headers['content-type']).toBe('application/vnd.segment.v1alpha+json');
    const [update] = insertFunctionInstanceKind.write!.update!('ifi_1', { ...instance, enabled: false }, instance);
    expect((await sendThroughConnector(update!)).violations).toEqual([]);
  });

  it('is listed per insert function, by class id (functionId is a required query parameter)', () => {
    const per = insertFunctionInstanceKind.list.per!;
    expect(per.kind).toBe('function');
    expect(per.query(rawInsertFunction)).toEqual({ functionId: '4bCdEfGhIjKlMnOpQrStUv' });
    expect(per.when!(rawInsertFunction)).toBe(true);
    expect(per.when!({ ...rawInsertFunction, resourceType: 'DESTINATION' })).toBe(false);
  });
});

const rawInsertFunction = { id: 'ifnd_4bCdEfGhIjKlMnOpQrStUv', resourceType: 'INSERT_DESTINATION', catalogId: '4bCdEfGhIjKlMnOpQrStUv' };
