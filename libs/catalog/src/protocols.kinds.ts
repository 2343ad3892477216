import { JsonObject } from '@app/core';
import { changedFields, defineKind, idFrom, joinKey, nonEmpty, omit, pick, ref, asString, unmaskable } from './helpers';

export const trackingPlanKind = defineKind({
  kind: 'tracking-plan',
  label: 'tracking plan',
  feature: 'Protocols',
  list: { path: '/tracking-plans', itemsKey: 'trackingPlans', paginated: true },
  normalize: (raw) => ({ name: raw.name, description: raw.description ?? '', type: raw.type }),
  id: (raw) => asString(raw.id),
  naturalKey: (body) => asString(body.name),
  createOnly: ['/type'],
  write: {
    create: (desired) => ({ method: 'POST', path: '/tracking-plans', body: pick(desired, ['name', 'type', 'description']) }),
    created: idFrom('trackingPlan'),
    update: (id, desired, live) => {
      const body = changedFields(desired, live, ['name', 'description']);
      return nonEmpty(body) ? [{ method: 'PATCH', path: `/tracking-plans/${id}`, body }] : [];
    },
    delete: (id) => ({ method: 'DELETE', path: `/tracking-plans/${id}` }),
  },
});

/** A rule as Segment takes it in the upsert and removal calls. */
const ruleIn = (body: JsonObject): JsonObject => pick(body, ['type', 'key', 'version', 'jsonSchema']);
const ruleRef = (body: JsonObject): JsonObject => pick(body, ['type', 'key', 'version']);

/**
 * Upserts and removals per plan, never PUT: it replaces every rule and refuses more than 200.
 * Removal takes its rules in the query (`rules` is a required deepObject query parameter and the
 * operation takes no body), so removals go in smaller batches that keep the URL short.
 */
const ruleBatch = {
  group: (body: JsonObject) => asString(body.trackingPlanId),
  maxItems: 1000,
  removeMaxItems: 50,
  // Segment caps tracking-plan requests at 2 MB; leave room for the envelope
  maxBytes: 1_900_000,
  upsert: (items: JsonObject[]) => ({
    method: 'PATCH' as const,
    path: `/tracking-plans/${asString(items[0]!.trackingPlanId)}/rules`,
    body: { rules: items.map(ruleIn) },
  }),
  remove: (items: JsonObject[]) => ({
    method: 'DELETE' as const,
    path: `/tracking-plans/${asString(items[0]!.trackingPlanId)}/rules`,
    query: { rules: items.map(ruleRef) },
  }),
};

/** One rule of a plan; its identity is (type, key, version), so a key change is a new rule. */
export const trackingPlanRuleKind = defineKind({
  kind: 'tracking-plan-rule',
  label: 'tracking plan rule',
  feature: 'Protocols',
  parent: { kind: 'tracking-plan' },
  list: { path: '/tracking-plans/{parentId}/rules', itemsKey: 'rules', paginated: true, rateClass: 'tracking-plan-rules-read' },
  normalize: (raw, ctx) => {
    const body: JsonObject = { trackingPlanId: asString(ctx.parent?.id), type: raw.type, version: raw.version, jsonSchema: raw.jsonSchema };
    if (raw.key !== undefined && raw.key !== null && raw.key !== '') body.key = raw.key;
    if (raw.deprecatedAt) body.deprecatedAt = raw.deprecatedAt;
    return body;
  },
  id: (_raw, body) => [body.trackingPlanId, body.type, body.key ?? '', body.version].map(asString).join('|'),
  naturalKey: (body, ctx) =>
    joinKey(ctx.ref('tracking-plan', asString(body.trackingPlanId)), asString(body.type), asString(body.key), `v${asString(body.version)}`),
  displayName: (body) => `${asString(body.type)} ${asString(body.key)} v${asString(body.version)}`.replace(/\s+/g, ' '),
  references: (body) => ref(body, 'trackingPlanId', 'tracking-plan'),
  createOnly: ['/trackingPlanId', '/type', '/key', '/version'],
  deletedWith: ['tracking-plan'],
  write: {
    create: (desired) => ruleBatch.upsert([desired]),
    created: (_data, desired) => ({
      id: [desired.trackingPlanId, desired.type, desired.key ?? '', desired.version].map(asString).join('|'),
    }),
    update: (_id, desired) => [ruleBatch.upsert([desired])],
    delete: (_id, live) => ruleBatch.remove([live]),
    batch: ruleBatch,
  },
});

export const trackingPlanConnectionKind = defineKind({
  kind: 'tracking-plan-connection',
  label: 'tracking plan connection',
  feature: 'Protocols',
  parent: { kind: 'tracking-plan' },
  list: { path: '/tracking-plans/{parentId}/sources', itemsKey: 'sources', paginated: true },
  normalize: (raw, ctx) => ({ trackingPlanId: asString(ctx.parent?.id), sourceId: raw.id }),
  id: (_raw, body) => `${asString(body.trackingPlanId)}|${asString(body.sourceId)}`,
  naturalKey: (body, ctx) => joinKey(ctx.ref('tracking-plan', asString(body.trackingPlanId)), ctx.ref('source', asString(body.sourceId))),
  displayName: (body) => `${asString(body.trackingPlanId)} ← ${asString(body.sourceId)}`,
  references: (body) => [...ref(body, 'trackingPlanId', 'tracking-plan'), ...ref(body, 'sourceId', 'source')],
  createOnly: ['/trackingPlanId', '/sourceId'],
  deletedWith: ['source'],
  write: {
    create: (desired) => ({
      method: 'POST',
      path: `/tracking-plans/${asString(desired.trackingPlanId)}/sources`,
      body: { sourceId: desired.sourceId },
    }),
    created: (_data, desired) => ({ id: `${asString(desired.trackingPlanId)}|${asString(desired.sourceId)}` }),
    delete: (_id, live) => ({
      method: 'DELETE',
      path: `/tracking-plans/${asString(live.trackingPlanId)}/sources`,
      query: { sourceId: live.sourceId },
    }),
  },
});

const TRANSFORMATION_FIELDS = [
  'name',
  'sourceId',
  'destinationMetadataId',
  'enabled',
  'if',
  'drop',
  'newEventName',
  'propertyRenames',
  'propertyValueTransformations',
  'fqlDefinedProperties',
  'allowProperties',
  'hashPropertiesConfiguration',
];

export const transformationKind = defineKind({
  kind: 'transformation',
  label: 'transformation',
  enabledPointer: '/enabled',
  feature: 'Protocols',
  list: { path: '/transformations', itemsKey: 'transformations', paginated: true },
  normalize: (raw) => unmaskable(omit(raw, ['id'])),
  id: (raw) => asString(raw.id),
  naturalKey: (body, ctx) => joinKey(ctx.ref('source', asString(body.sourceId)), asString(body.name)),
  references: (body) => ref(body, 'sourceId', 'source'),
  secrets: ['/hashPropertiesConfiguration/key'],
  write: {
    create: (desired) => ({ method: 'POST', path: '/transformations', body: pick(desired, TRANSFORMATION_FIELDS) }),
    created: idFrom('transformation'),
    update: (id, desired, live) => {
      const body = changedFields(desired, live, TRANSFORMATION_FIELDS);
      return nonEmpty(body) ? [{ method: 'PATCH', path: `/transformations/${id}`, body }] : [];
    },
    replaces: [{ pointer: '/hashPropertiesConfiguration' }],
    delete: (id) => ({ method: 'DELETE', path: `/transformations/${id}` }),
  },
});
