import { JsonObject } from '@app/core';
import { defineKind, nk, omit, ref, str, unmaskable } from './helpers';

export const trackingPlanKind = defineKind({
  kind: 'tracking-plan',
  label: 'tracking plan',
  feature: 'Protocols',
  list: { path: '/tracking-plans', itemsKey: 'trackingPlans', paginated: true },
  normalize: (raw) => ({ name: raw.name, description: raw.description ?? '', type: raw.type }),
  id: (raw) => str(raw.id),
  naturalKey: (body) => str(body.name),
  createOnly: ['/type'],
});

/** One rule of a plan; its identity is (type, key, version), so a key change is a new rule. */
export const trackingPlanRuleKind = defineKind({
  kind: 'tracking-plan-rule',
  label: 'tracking plan rule',
  feature: 'Protocols',
  parent: { kind: 'tracking-plan' },
  list: { path: '/tracking-plans/{parentId}/rules', itemsKey: 'rules', paginated: true, rateClass: 'tracking-plan-rules-read' },
  normalize: (raw, ctx) => {
    const body: JsonObject = { trackingPlanId: str(ctx.parent?.id), type: raw.type, version: raw.version, jsonSchema: raw.jsonSchema };
    if (raw.key !== undefined && raw.key !== null && raw.key !== '') body.key = raw.key;
    if (raw.deprecatedAt) body.deprecatedAt = raw.deprecatedAt;
    return body;
  },
  id: (_raw, body) => [body.trackingPlanId, body.type, body.key ?? '', body.version].map(str).join('|'),
  naturalKey: (body, ctx) => nk(ctx.ref('tracking-plan', str(body.trackingPlanId)), str(body.type), str(body.key), `v${str(body.version)}`),
  displayName: (body) => `${str(body.type)} ${str(body.key)} v${str(body.version)}`.replace(/\s+/g, ' '),
  references: (body) => ref(body, 'trackingPlanId', 'tracking-plan'),
  createOnly: ['/trackingPlanId', '/type', '/key', '/version'],
});

export const trackingPlanConnectionKind = defineKind({
  kind: 'tracking-plan-connection',
  label: 'tracking plan connection',
  feature: 'Protocols',
  parent: { kind: 'tracking-plan' },
  list: { path: '/tracking-plans/{parentId}/sources', itemsKey: 'sources', paginated: true },
  normalize: (raw, ctx) => ({ trackingPlanId: str(ctx.parent?.id), sourceId: raw.id }),
  id: (_raw, body) => `${str(body.trackingPlanId)}|${str(body.sourceId)}`,
  naturalKey: (body, ctx) => nk(ctx.ref('tracking-plan', str(body.trackingPlanId)), ctx.ref('source', str(body.sourceId))),
  displayName: (body) => `${str(body.trackingPlanId)} ← ${str(body.sourceId)}`,
  references: (body) => [...ref(body, 'trackingPlanId', 'tracking-plan'), ...ref(body, 'sourceId', 'source')],
  createOnly: ['/trackingPlanId', '/sourceId'],
});

export const transformationKind = defineKind({
  kind: 'transformation',
  label: 'transformation',
  feature: 'Protocols',
  list: { path: '/transformations', itemsKey: 'transformations', paginated: true },
  normalize: (raw) => unmaskable(omit(raw, ['id'])),
  id: (raw) => str(raw.id),
  naturalKey: (body, ctx) => nk(ctx.ref('source', str(body.sourceId)), str(body.name)),
  references: (body) => ref(body, 'sourceId', 'source'),
  secrets: ['/hashPropertiesConfiguration/key'],
});
