import { request as httpRequest } from 'node:http';
import { SegmentContract } from '../src/contract/contract';
import { FEATURES } from '../src/state/workspace-state';
import { ALL_ROUTES } from '../src/resources';
import { SimHarness } from './support/sim-harness';

/**
 * The simulator refuses what Segment's contract refuses, as Segment answers it ({errors:[{type,
 * message, field}]} with 400/406/415/422), and answers what the contract requires.
 */
describe('simulator strictness: requests Segment’s contract refuses', () => {
  let h: SimHarness;
  const ws = () => h.sim.state.workspaces.get('staging')!;
  const client = () => h.client();

  beforeAll(async () => {
    h = await SimHarness.start({ workspaces: [{ slug: 'staging', token: 'sim_staging', size: 200, env: 'staging' }] });
  });
  afterAll(() => h.stop());

  it('refuses a body on an operation that takes none: rule removal takes its rules in the query', async () => {
    const [planId, rules] = [...ws().rules].find(([, c]) => c.size > 0)!;
    const rule = rules.values()[0]!;
    const count = rules.size;
    const ref = { type: rule.type, key: rule.key, version: rule.version };
    const withBody = await client().call('DELETE', `/tracking-plans/${planId}/rules`, { body: { rules: [ref] } });
    expect(withBody.status).toBe(400);
    expect(withBody.body.errors[0]).toMatchObject({ type: 'BadRequest', field: 'body', message: expect.stringContaining('rules') });
    expect(ws().rules.get(planId)!.size).toBe(count);

    const inQuery = await client().call('DELETE', `/tracking-plans/${planId}/rules`, { query: { rules: [ref] } });
    expect(inQuery.status).toBe(200);
    expect(ws().rules.get(planId)!.size).toBe(count - 1);
  });

  it('refuses a body on a read', async () => {
    // fetch will not send a body with GET; node's http client will
    const payload = JSON.stringify({ anything: true });
    const { status, body } = await new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = httpRequest(`${h.url}/labels`, {
        method: 'GET',
        headers: { Authorization: 'Bearer sim_staging', 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      });
      req.on('error', reject);
      req.end(payload);
    });
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({ type: 'BadRequest', field: 'body' });
  });

  it('refuses unknown and misplaced query parameters instead of ignoring them: a flat count is not pagination', async () => {
    const flat = await client().call('GET', '/sources', { query: { count: 5, pagination: { count: 10 } } });
    expect(flat.status).toBe(422);
    expect(flat.body.errors[0]).toMatchObject({ type: 'ValidationFailure', field: 'count', message: expect.stringContaining("'count'") });
    const missing = await client().call('GET', '/sources', { query: { pagination: undefined } });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].field).toBe('pagination');
    const tooMany = await client().get('/sources', { pagination: { count: 5000 } });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors[0].field).toBe('pagination.count');
  });

  it('refuses a parameter outside its schema, naming the allowed values', async () => {
    const res = await client().get('/functions', { resourceType: 'WAREHOUSE', pagination: { count: 10 } });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ field: 'resourceType', message: expect.stringContaining('INSERT_DESTINATION') });
  });

  it('refuses a version (media type) the operation does not offer, and labels each answer with the version given', async () => {
    const credential = ws().credentials.values()[0];
    const path = credential ? `/credentials/${credential.id}` : '/credentials';
    const alpha = await client().call('GET', path, { headers: { Accept: 'application/vnd.segment.v1alpha+json' } });
    expect(alpha.status).toBe(406);
    expect(alpha.body.errors[0].type).toBe('NotAcceptable');
    const beta = await client().call('GET', '/reverse-etl-models', { headers: { Accept: 'application/vnd.segment.v1beta+json' } });
    expect(beta.status).toBe(406);
    const v1 = await client().call('GET', '/sources', { headers: { Accept: 'application/vnd.segment.v1beta+json' } });
    expect(v1.status).toBe(200);
    expect(v1.headers.get('content-type')).toBe('application/vnd.segment.v1beta+json');
  });

  it('answers the payload of the version it labels: createLabel in v1alpha returns every label, in v1 the one created', async () => {
    const v1 = await client().post('/labels', { label: { key: 'versions', value: 'one' } });
    expect(v1.status).toBe(201);
    expect(v1.body.data).toEqual({ label: { key: 'versions', value: 'one' } });
    const alpha = await client().call('POST', '/labels', {
      body: { label: { key: 'versions', value: 'two' } },
      headers: { Accept: 'application/vnd.segment.v1alpha+json' },
    });
    expect(alpha.status).toBe(201);
    expect(alpha.headers.get('content-type')).toBe('application/vnd.segment.v1alpha+json');
    expect(alpha.body.data.labels).toEqual(
      expect.arrayContaining([
        { key: 'versions', value: 'one' },
        { key: 'versions', value: 'two' },
      ]),
    );
  });

  it('takes the body of an alpha-only operation only in its versioned media type', async () => {
    const warehouseSource = h.sim.state.catalog.sources.find((s) => s.def.reverseEtl)!;
    const created = await client().post('/sources', { slug: 'strict-retl', enabled: true, metadataId: warehouseSource.id });
    const sourceId = created.body.data.source.id as string;
    const body = { sourceId, name: 'Strict', description: 'd', enabled: true, query: 'select 1', queryIdentifierColumn: 'id' };
    const json = await client().call('POST', '/reverse-etl-models', { body, headers: { 'Content-Type': 'application/json' } });
    expect(json.status).toBe(415);
    expect(json.body.errors[0].type).toBe('UnsupportedMediaType');
    const alpha = await client().call('POST', '/reverse-etl-models', {
      body,
      headers: { 'Content-Type': 'application/vnd.segment.v1alpha+json' },
    });
    expect(alpha.status).toBe(201);
  });

  it('refuses a body that breaks the operation’s schema, naming the field, before any handler runs', async () => {
    const res = await client().post('/labels', { label: { key: 'no-value' } });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ type: 'ValidationFailure', field: 'label.value' });
    const none = await client().call('POST', '/labels', {});
    expect(none.status).toBe(422);
    expect(none.body.errors[0].field).toBe('body');
  });
});

describe('simulator answers: what the contract requires', () => {
  const contract = SegmentContract.load();
  let h: SimHarness;
  const client = () => h.client();
  beforeAll(async () => {
    h = await SimHarness.start({ workspaces: [{ slug: 'staging', token: 'sim_staging', size: 200, env: 'staging' }] });
  });
  afterAll(() => h.stop());

  const valid = (operationId: string, res: { status: number; headers: Headers; body: unknown }) =>
    contract.validateResponse(operationId, res.status, res.headers.get('content-type')!, res.body);

  it('answers 201 where the contract says Created, 200 elsewhere', async () => {
    const javascript = h.sim.state.catalog.sources.find((s) => s.slug === 'javascript')!;
    const created = await client().post('/sources', { slug: 'created-201', enabled: true, metadataId: javascript.id });
    expect(created.status).toBe(201);
    expect(valid('createSource', created)).toEqual([]);
    const plan = await client().post('/tracking-plans', { name: 'Two hundred', type: 'LIVE' });
    expect(plan.status).toBe(200);
    expect(contract.validateResponse('createSource', 200, 'application/json', created.body)).toEqual([
      expect.objectContaining({ message: expect.stringContaining('does not declare status 200') }),
    ]);
  });

  it('gives sources and the sources catalog their required metadata.status', async () => {
    const sources = await client().get('/sources', { pagination: { count: 20 } });
    expect(sources.body.data.sources.every((s: { metadata: { status?: string } }) => s.metadata.status === 'PUBLIC')).toBe(true);
    expect(valid('listSources', sources)).toEqual([]);
    const catalog = await client().get('/catalog/sources', { pagination: { count: 200 } });
    expect(valid('getSourcesCatalog', catalog)).toEqual([]);
    const withoutStatus = structuredClone(catalog.body);
    delete withoutStatus.data.sourcesCatalog[0].status;
    expect(contract.validateResponse('getSourcesCatalog', 200, 'application/json', withoutStatus)).toEqual([
      expect.objectContaining({ field: 'data.sourcesCatalog[0].status' }),
    ]);
  });

  it('lists function versions with their code', async () => {
    const fn = h.sim.state.workspaces.get('staging')!.functions.values()[0]!;
    const versions = await client().get(`/functions/${fn.id}/versions`, { pagination: { count: 10 } });
    expect(versions.status).toBe(200);
    expect(versions.body.data.versions[0].code).toEqual(expect.any(String));
    expect(valid('listFunctionVersions', versions)).toEqual([]);
  });

  it('lists insert function instances by the function’s class id, and refuses the prefixed id loudly instead of answering []', async () => {
    const ws = h.sim.state.workspaces.get('staging')!;
    const instance = ws.insertFunctionInstances.values()[0]!;
    const fn = ws.functionByCatalogId(instance.functionId)!;
    expect(fn.id).not.toBe(fn.catalogId);
    const byClassId = await client().get('/insert-function-instances', { functionId: fn.catalogId, pagination: { count: 50 } });
    expect(byClassId.status).toBe(200);
    expect(byClassId.body.data.instances.map((i: { id: string }) => i.id)).toContain(instance.id);
    expect(valid('listInsertFunctionInstances', byClassId)).toEqual([]);
    // v73 CreateInsertFunctionInstanceAlphaInput.functionId: "Remove the ifnd_/ifns_ prefix from the id"
    const prefixed = await client().get('/insert-function-instances', { functionId: fn.id, pagination: { count: 50 } });
    expect(prefixed.status).toBe(422);
    expect(prefixed.body.errors[0]).toMatchObject({ field: 'functionId', message: expect.stringContaining('prefix') });
    const unnamed = await client().get('/insert-function-instances', { pagination: { count: 50 } });
    expect(unnamed.status).toBe(422);
    expect(unnamed.body.errors[0].field).toBe('functionId');
  });
});

describe('simulator coverage: it claims only what it serves', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await SimHarness.start();
  });
  afterAll(() => h.stop());

  it('seeds workspaces only with features whose endpoints it serves', () => {
    const gated = new Set(ALL_ROUTES.map((r) => r.feature).filter(Boolean));
    expect([...FEATURES].sort()).toEqual([...gated].sort());
    for (const ws of h.sim.state.workspaces.values()) for (const feature of ws.features) expect(gated.has(feature)).toBe(true);
  });

  it('refuses to switch on a feature it does not serve', async () => {
    const res = await h.admin('PUT', '/workspaces/staging/features', { features: ['Protocols', 'Spaces'] });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].field).toBe('features');
  });

  it('answers an operation of the API it does not serve, and an unknown path, with Segment’s "no such endpoint" 404', async () => {
    const spaces = await h.client().get('/spaces', { pagination: { count: 10 } });
    expect(spaces.status).toBe(404);
    expect(spaces.body.errors[0]).toMatchObject({
      type: 'NotFound',
      message: expect.stringMatching(/^No such endpoint: GET \/spaces .*listSpaces/),
    });
    const unknown = await h.client().get('/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].message).toBe('No such endpoint: GET /no-such-thing');
  });

  it('names itself in every answer, and keeps its name with its saved state', async () => {
    const res = await h.client().get('/');
    expect(res.headers.get('x-segment-sim-instance')).toBe(h.sim.instanceId);
    const dump = h.sim.exportState();
    const other = await SimHarness.start();
    try {
      expect(other.sim.instanceId).not.toBe(h.sim.instanceId);
      other.sim.importState(dump);
      expect(other.sim.instanceId).toBe(h.sim.instanceId);
    } finally {
      await other.stop();
    }
  });
});
