import { SeqArray } from '../engine/pagination';
import { any, arr, num, obj, readBody, readValue, str } from '../engine/validate';
import { MB, RequestContext, route, RouteDef } from '../http/route';
import { conflict, validation } from '../http/sim-error';
import { RuleRecord, RuleType, TrackingPlanRecord, TrackingPlanType } from '../state/records';
import { sourceBuffer } from '../state/views';
import { ruleKey } from '../state/workspace-state';
import { audit, found, list, listJson, queryString, SUCCESS } from './common';
import { findSource } from './sources.routes';

const PLAN_TYPES: TrackingPlanType[] = ['LIVE', 'PROPERTY_LIBRARY', 'RULE_LIBRARY', 'TEMPLATE', 'ENGAGE'];
const RULE_TYPES: RuleType[] = ['COMMON', 'GROUP', 'IDENTIFY', 'PAGE', 'SCREEN', 'TRACK'];
/** Segment refuses to PUT-replace the rules of a plan that already has more than this many. */
export const REPLACE_RULES_LIMIT = 200;

const protocols = { feature: 'Protocols' as const, maxBodyBytes: 2 * MB };

const ruleFields = {
  type: str({ required: true, enum: RULE_TYPES }),
  key: str(),
  jsonSchema: any({ required: true }),
  version: num({ required: true, integer: true, min: 1 }),
  createdAt: str(),
  updatedAt: str(),
  deprecatedAt: str(),
};

export const findPlan = (ctx: RequestContext, id: string): TrackingPlanRecord => found(ctx.ws.trackingPlans.get(id), 'Tracking Plan', id);
const rulesOf = (ctx: RequestContext, planId: string) => ctx.ws.childCollection(ctx.ws.rules, planId);
const sourcesOf = (ctx: RequestContext, planId: string) => ctx.ws.childCollection(ctx.ws.trackingPlanSources, planId);

function planView(rec: TrackingPlanRecord): Record<string, unknown> {
  const { resourceSchemaId, ...rest } = rec;
  return { ...rest, resourceSchemaId };
}

const ruleView = (rec: RuleRecord): RuleRecord => rec;

function checkRule(rule: { type: RuleType; key?: string; jsonSchema: unknown }, field: string): void {
  if (rule.type === 'TRACK' && (rule.key === undefined || rule.key.trim() === ''))
    throw validation(`${field}.key`, 'A TRACK rule needs the event name as its key.');
  if (typeof rule.jsonSchema !== 'object' || rule.jsonSchema === null || Array.isArray(rule.jsonSchema)) {
    throw validation(`${field}.jsonSchema`, 'jsonSchema must be a JSON Schema object.');
  }
}

function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function touchPlan(ctx: RequestContext, plan: TrackingPlanRecord): void {
  plan.updatedAt = ctx.ws.now();
}

function readRemoveRules(ctx: RequestContext): Array<{ type: RuleType; key?: string; version: number }> {
  // Segment takes the rules to remove as a deepObject query parameter; a JSON body is accepted too.
  const fromQuery = ctx.query.rules;
  const raw =
    fromQuery !== undefined
      ? Array.isArray(fromQuery)
        ? fromQuery
        : Object.values(fromQuery as object)
      : (ctx.body as { rules?: unknown } | undefined)?.rules;
  const rules = readValue<Array<Record<string, unknown>>>(raw, arr(any(), { required: true, nonEmpty: true }), 'rules');
  return rules.map((rule, index) => {
    const type = readValue<RuleType>(rule.type, str({ required: true, enum: RULE_TYPES }), `rules[${index}].type`);
    const version = Number(rule.version);
    if (!Number.isInteger(version) || version < 1)
      throw validation(`rules[${index}].version`, `rules[${index}].version must be a positive integer.`);
    const key = rule.key === undefined || rule.key === '' ? undefined : String(rule.key);
    return { type, key, version };
  });
}

export const trackingPlanRoutes: RouteDef[] = [
  route('listTrackingPlans', 'GET /tracking-plans', { ...protocols }, (ctx) => {
    const type = readValue<TrackingPlanType | undefined>(ctx.query.type, str({ enum: PLAN_TYPES }), 'type');
    const rows = ctx.ws.trackingPlans.keyList().map((id, index) => ({ seq: index + 1, value: ctx.ws.trackingPlans.get(id)! }));
    const plans = type ? new SeqArray(rows.filter((row) => row.value.type === type)) : ctx.ws.trackingPlans;
    return list(ctx, 'trackingPlans', plans, `plans:${type ?? '*'}`, planView);
  }),
  route('createTrackingPlan', 'POST /tracking-plans', { ...protocols }, (ctx) => {
    const body = readBody<{ name: string; type: TrackingPlanType; description?: string }>(ctx.body, {
      name: str({ required: true, nonEmpty: true, max: 200 }),
      type: str({ required: true, enum: PLAN_TYPES }),
      description: str(),
    });
    if (ctx.ws.trackingPlans.values().some((p) => p.name === body.name))
      throw conflict(`A Tracking Plan named '${body.name}' already exists.`, 'name');
    const now = ctx.ws.now();
    const rec: TrackingPlanRecord = {
      id: ctx.ws.ids.prefixed('tp_', 27),
      name: body.name,
      slug: slugify(body.name),
      description: body.description ?? '',
      type: body.type,
      resourceSchemaId: ctx.ws.ids.prefixed('rs_', 27),
      createdAt: now,
      updatedAt: now,
    };
    ctx.ws.trackingPlans.set(rec.id, rec);
    audit(ctx, 'Tracking Plan Created', 'tracking_plan', rec.id, rec.name);
    return { data: { trackingPlan: planView(rec) } };
  }),
  route('getTrackingPlan', 'GET /tracking-plans/:trackingPlanId', { ...protocols }, (ctx) => ({
    data: { trackingPlan: planView(findPlan(ctx, ctx.params.trackingPlanId!)) },
  })),
  route('updateTrackingPlan', 'PATCH /tracking-plans/:trackingPlanId', { ...protocols }, (ctx) => {
    const rec = findPlan(ctx, ctx.params.trackingPlanId!);
    const body = readBody<{ name?: string; description?: string }>(
      ctx.body,
      { name: str({ nonEmpty: true, max: 200 }), description: str() },
      { type: 'type cannot be changed after a Tracking Plan is created; create a new Tracking Plan of the other type.' },
    );
    if (body.name !== undefined && body.name !== rec.name && ctx.ws.trackingPlans.values().some((p) => p.name === body.name)) {
      throw conflict(`A Tracking Plan named '${body.name}' already exists.`, 'name');
    }
    if (body.name !== undefined) {
      rec.name = body.name;
      rec.slug = slugify(body.name);
    }
    if (body.description !== undefined) rec.description = body.description;
    touchPlan(ctx, rec);
    audit(ctx, 'Tracking Plan Modified', 'tracking_plan', rec.id, rec.name);
    return SUCCESS;
  }),
  route('deleteTrackingPlan', 'DELETE /tracking-plans/:trackingPlanId', { ...protocols }, (ctx) => {
    const rec = findPlan(ctx, ctx.params.trackingPlanId!);
    const connected = sourcesOf(ctx, rec.id).size;
    if (connected > 0) throw conflict(`Tracking Plan '${rec.name}' is connected to ${connected} source(s); disconnect them first.`);
    ctx.ws.trackingPlans.delete(rec.id);
    ctx.ws.rules.delete(rec.id);
    ctx.ws.trackingPlanSources.delete(rec.id);
    audit(ctx, 'Tracking Plan Deleted', 'tracking_plan', rec.id, rec.name);
    return SUCCESS;
  }),
  route(
    'listRulesFromTrackingPlan',
    'GET /tracking-plans/:trackingPlanId/rules',
    { rateLimit: { points: 200, per: 'minute' }, ...protocols },
    (ctx) => {
      const rec = findPlan(ctx, ctx.params.trackingPlanId!);
      return list(ctx, 'rules', rulesOf(ctx, rec.id), `rules:${rec.id}`, ruleView);
    },
  ),
  route('replaceRulesInTrackingPlan', 'PUT /tracking-plans/:trackingPlanId/rules', { ...protocols }, (ctx) => {
    const plan = findPlan(ctx, ctx.params.trackingPlanId!);
    const body = readBody<{ rules: Array<RuleRecord> }>(ctx.body, { rules: arr(obj(ruleFields), { required: true }) });
    const rules = rulesOf(ctx, plan.id);
    if (rules.size > REPLACE_RULES_LIMIT) {
      throw validation(
        'rules',
        `This Tracking Plan has ${rules.size} rules; plans with more than ${REPLACE_RULES_LIMIT} rules cannot be replaced. Please use DELETE and PATCH.`,
      );
    }
    const now = ctx.ws.now();
    const next = new Map<string, RuleRecord>();
    body.rules.forEach((rule, index) => {
      checkRule(rule, `rules[${index}]`);
      const key = ruleKey(rule);
      if (next.has(key)) throw validation(`rules[${index}]`, `Duplicate rule ${key}.`);
      next.set(key, {
        type: rule.type,
        ...(rule.key ? { key: rule.key } : {}),
        jsonSchema: rule.jsonSchema,
        version: rule.version,
        createdAt: now,
        updatedAt: now,
      });
    });
    rules.clear();
    for (const [key, rule] of next) rules.set(key, rule);
    touchPlan(ctx, plan);
    audit(ctx, 'Tracking Plan Modified', 'tracking_plan', plan.id, plan.name);
    return SUCCESS;
  }),
  route('updateRulesInTrackingPlan', 'PATCH /tracking-plans/:trackingPlanId/rules', { ...protocols }, (ctx) => {
    const plan = findPlan(ctx, ctx.params.trackingPlanId!);
    const body = readBody<{ rules: Array<RuleRecord & { newKey?: string }> }>(ctx.body, {
      rules: arr(obj({ ...ruleFields, newKey: str({ nonEmpty: true }) }), { required: true, nonEmpty: true }),
    });
    const rules = rulesOf(ctx, plan.id);
    const now = ctx.ws.now();
    body.rules.forEach((rule, index) => {
      checkRule(rule, `rules[${index}]`);
      const key = ruleKey(rule);
      const existing = rules.get(key);
      const record: RuleRecord = {
        type: rule.type,
        ...(rule.key ? { key: rule.key } : {}),
        jsonSchema: rule.jsonSchema,
        version: rule.version,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
        ...(rule.deprecatedAt ? { deprecatedAt: rule.deprecatedAt } : {}),
      };
      if (rule.newKey !== undefined) {
        if (!existing) throw validation(`rules[${index}].newKey`, `Rule ${key} does not exist, so it cannot be renamed.`);
        const renamed = { ...record, key: rule.newKey };
        if (rules.has(ruleKey(renamed))) throw conflict(`Rule ${ruleKey(renamed)} already exists.`, `rules[${index}].newKey`);
        rules.delete(key);
        rules.set(ruleKey(renamed), renamed);
      } else {
        rules.set(key, record);
      }
    });
    touchPlan(ctx, plan);
    audit(ctx, 'Tracking Plan Modified', 'tracking_plan', plan.id, plan.name);
    return SUCCESS;
  }),
  route('removeRulesFromTrackingPlan', 'DELETE /tracking-plans/:trackingPlanId/rules', { ...protocols }, (ctx) => {
    const plan = findPlan(ctx, ctx.params.trackingPlanId!);
    const rules = rulesOf(ctx, plan.id);
    const toRemove = readRemoveRules(ctx);
    toRemove.forEach((rule, index) => {
      if (!rules.has(ruleKey(rule))) throw validation(`rules[${index}]`, `Rule ${ruleKey(rule)} is not in this Tracking Plan.`);
    });
    toRemove.forEach((rule) => rules.delete(ruleKey(rule)));
    touchPlan(ctx, plan);
    audit(ctx, 'Tracking Plan Modified', 'tracking_plan', plan.id, plan.name);
    return SUCCESS;
  }),
  route('listSourcesFromTrackingPlan', 'GET /tracking-plans/:trackingPlanId/sources', { ...protocols }, (ctx) => {
    const plan = findPlan(ctx, ctx.params.trackingPlanId!);
    return listJson(ctx, 'sources', sourcesOf(ctx, plan.id), `tp-src:${plan.id}`, (id) =>
      sourceBuffer(ctx.catalog, ctx.ws, ctx.ws.sources.get(id)!, ctx.token.sourceAdmin),
    );
  }),
  route('addSourceToTrackingPlan', 'POST /tracking-plans/:trackingPlanId/sources', { ...protocols }, (ctx) => {
    const plan = findPlan(ctx, ctx.params.trackingPlanId!);
    const body = readBody<{ sourceId: string }>(ctx.body, { sourceId: str({ required: true, nonEmpty: true }) });
    if (!ctx.ws.sources.has(body.sourceId)) throw validation('sourceId', `Source '${body.sourceId}' does not exist in this workspace.`);
    const current = ctx.ws.trackingPlanOfSource(body.sourceId);
    if (current && current !== plan.id)
      throw conflict(`Source '${body.sourceId}' is already connected to Tracking Plan '${current}'; a Source has at most one.`, 'sourceId');
    sourcesOf(ctx, plan.id).set(body.sourceId, body.sourceId);
    const source = ctx.ws.sources.get(body.sourceId)!;
    audit(ctx, 'Source Modified', 'source', source.id, source.name);
    return SUCCESS;
  }),
  route('removeSourceFromTrackingPlan', 'DELETE /tracking-plans/:trackingPlanId/sources', { ...protocols }, (ctx) => {
    const plan = findPlan(ctx, ctx.params.trackingPlanId!);
    const sourceId = queryString(ctx, 'sourceId', true)!;
    const source = findSource(ctx, sourceId);
    if (!sourcesOf(ctx, plan.id).delete(sourceId))
      throw validation('sourceId', `Source '${sourceId}' is not connected to this Tracking Plan.`);
    audit(ctx, 'Source Modified', 'source', source.id, source.name);
    return SUCCESS;
  }),
];
