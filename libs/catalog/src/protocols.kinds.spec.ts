import { JsonObject, SECRET_UNKNOWN } from '@app/core';
import { trackingPlanConnectionKind, trackingPlanKind, trackingPlanRuleKind, transformationKind } from './protocols.kinds';
import { sendThroughConnector } from '../../../test/support/connector-contract';
import { MASK, keys } from '../../../test/support/kind-fixtures';

const rawPlan: JsonObject = {
  id: 'tp_2Lq9',
  name: 'Web plan',
  slug: 'web-plan',
  description: 'The plan',
  type: 'LIVE',
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-02T00:00:00.000Z',
  resourceSchemaId: 'rs_1',
};
const ctx = { workspaceSlug: 'staging', parent: rawPlan };

describe('trackingPlanKind', () => {
  it('keeps name, description and type only', () => {
    const body = trackingPlanKind.normalize(rawPlan, ctx);
    expect(body).toEqual({ name: 'Web plan', description: 'The plan', type: 'LIVE' });
    expect(trackingPlanKind.normalize({ id: 'x', name: 'N', type: 'TEMPLATE' }, ctx).description).toBe('');
    expect(trackingPlanKind.id(rawPlan, body)).toBe('tp_2Lq9');
    expect(trackingPlanKind.naturalKey(body, keys({}))).toBe('Web plan');
    expect(trackingPlanKind.createOnly).toEqual(['/type']);
  });
});

describe('trackingPlanRuleKind', () => {
  const rawRule: JsonObject = {
    type: 'TRACK',
    key: 'Order Completed',
    jsonSchema: { type: 'object', properties: { properties: { type: 'object' } } },
    version: 2,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-02T00:00:00.000Z',
  };

  it('takes its plan from the parent and drops timestamps', () => {
    const body = trackingPlanRuleKind.normalize(rawRule, ctx);
    expect(body).toEqual({ trackingPlanId: 'tp_2Lq9', type: 'TRACK', version: 2, jsonSchema: rawRule.jsonSchema, key: 'Order Completed' });
    expect(trackingPlanRuleKind.id(rawRule, body)).toBe('tp_2Lq9|TRACK|Order Completed|2');
    expect(trackingPlanRuleKind.naturalKey(body, keys({ 'tracking-plan:tp_2Lq9': 'Web plan' }))).toBe(
      'Web plan / TRACK / Order Completed / v2',
    );
    expect(trackingPlanRuleKind.displayName(body)).toBe('TRACK Order Completed v2');
    expect(trackingPlanRuleKind.references(body)).toEqual([{ pointer: '/trackingPlanId', kind: 'tracking-plan', value: 'tp_2Lq9' }]);
  });

  it('a keyless rule (IDENTIFY, COMMON) has no key field', () => {
    for (const key of [undefined, null, '']) {
      const body = trackingPlanRuleKind.normalize({ ...rawRule, type: 'IDENTIFY', version: 1, key } as JsonObject, ctx);
      expect(body).not.toHaveProperty('key');
      expect(trackingPlanRuleKind.id({}, body)).toBe('tp_2Lq9|IDENTIFY||1');
      expect(trackingPlanRuleKind.displayName(body)).toBe('IDENTIFY v1');
    }
  });

  it('keeps deprecatedAt when set', () => {
    expect(trackingPlanRuleKind.normalize({ ...rawRule, deprecatedAt: '2024-03-01T00:00:00.000Z' }, ctx).deprecatedAt).toBe(
      '2024-03-01T00:00:00.000Z',
    );
  });

  it('a new version is a new rule', () => {
    const v2 = trackingPlanRuleKind.normalize(rawRule, ctx);
    const v3 = trackingPlanRuleKind.normalize({ ...rawRule, version: 3 }, ctx);
    expect(trackingPlanRuleKind.id({}, v3)).not.toBe(trackingPlanRuleKind.id({}, v2));
    expect(trackingPlanRuleKind.createOnly).toEqual(expect.arrayContaining(['/key', '/version', '/type']));
  });
});

describe('trackingPlanConnectionKind', () => {
  it('is the pair of the parent plan and the listed source', () => {
    const body = trackingPlanConnectionKind.normalize({ id: 'src1', slug: 'web', name: 'Web' }, ctx);
    expect(body).toEqual({ trackingPlanId: 'tp_2Lq9', sourceId: 'src1' });
    expect(trackingPlanConnectionKind.id({}, body)).toBe('tp_2Lq9|src1');
    expect(trackingPlanConnectionKind.naturalKey(body, keys({ 'tracking-plan:tp_2Lq9': 'Web plan', 'source:src1': 'web' }))).toBe(
      'Web plan / web',
    );
    expect(trackingPlanConnectionKind.references(body).map((r) => r.kind)).toEqual(['tracking-plan', 'source']);
  });
});

describe('transformationKind', () => {
  const raw: JsonObject = {
    id: 'tr_1',
    name: 'Rename checkout',
    sourceId: 'src1',
    enabled: true,
    if: 'event = "Checkout"',
    newEventName: 'Order Completed',
    hashPropertiesConfiguration: { hashingAlgo: 'sha256', key: MASK, paths: ['properties.email'] },
  };

  it('drops the id and masks the hashing key', () => {
    const body = transformationKind.normalize(raw, { workspaceSlug: 'staging' });
    expect(body).toEqual({
      name: 'Rename checkout',
      sourceId: 'src1',
      enabled: true,
      if: 'event = "Checkout"',
      newEventName: 'Order Completed',
      hashPropertiesConfiguration: { hashingAlgo: 'sha256', key: SECRET_UNKNOWN, paths: ['properties.email'] },
    });
    expect(transformationKind.id(raw, body)).toBe('tr_1');
    expect(transformationKind.naturalKey(body, keys({ 'source:src1': 'web' }))).toBe('web / Rename checkout');
    expect(transformationKind.references(body)).toEqual([{ pointer: '/sourceId', kind: 'source', value: 'src1' }]);
    expect(transformationKind.secrets).toEqual(['/hashPropertiesConfiguration/key']);
  });
});

describe('tracking plan rule writes, as the connector sends them', () => {
  const rules = [1, 2, 3].map((version) => ({
    trackingPlanId: 'tp_2Lq9',
    type: 'TRACK',
    key: 'Order Completed',
    version,
    jsonSchema: { type: 'object' },
  }));

  it('removes rules through the query, which Segment takes them in (the operation takes no body)', async () => {
    const { sent, violations } = await sendThroughConnector(trackingPlanRuleKind.write!.batch!.remove(rules));
    expect(violations).toEqual([]);
    expect(sent.body).toBeUndefined();
    expect(sent.method).toBe('DELETE');
    expect(decodeURIComponent(sent.url)).toBe(
      '/tracking-plans/tp_2Lq9/rules?' +
        [1, 2, 3].map((v, i) => `rules[${i}][type]=TRACK&rules[${i}][key]=Order Completed&rules[${i}][version]=${v}`).join('&'),
    );
  });

  it('removes in batches that keep the URL short', () => {
    expect(trackingPlanRuleKind.write!.batch!.removeMaxItems).toBeLessThanOrEqual(50);
  });

  it('upserts rules in a body the contract accepts', async () => {
    const { violations } = await sendThroughConnector(trackingPlanRuleKind.write!.batch!.upsert(rules));
    expect(violations).toEqual([]);
  });
});
