import { KindCatalog, KindWriter } from '../kinds';
import { asString, defineTestKind, refAt } from '../kinds/test-kinds';
import { contentHash, JsonObject } from '../json';
import { NaturalKeyResolver } from '../snapshot';
import { decideInScope } from './decide';
import { selectInitialScope } from './initial-scope';
import { matchResources } from './match';
import { createPlanContext, PlanContext } from './plan-context';
import { PlannedStep, PlanOptions } from './types';
import { Resource, WorkspaceState } from '../resources';

/**
 * Fixtures for the planner's specs: a small catalog shaped like Segment's, and states built from
 * it as a snapshot would (natural keys, hashes). Not used by production code.
 */

/** A writer whose requests no planner spec looks at: only which parts exist matters. */
const writer = (extra: Partial<KindWriter> = {}): KindWriter => ({
  create: (desired) => ({ method: 'POST', path: '/create', body: desired }),
  created: (data) => ({ id: asString(data.id) }),
  update: (id) => [{ method: 'PATCH', path: `/update/${id}` }],
  delete: (id) => ({ method: 'DELETE', path: `/delete/${id}` }),
  ...extra,
});

export const PLAN_TEST_CATALOG = new KindCatalog([
  defineTestKind({ kind: 'workspace', readOnly: true, naturalKey: (body) => asString(body.slug) }),
  defineTestKind({
    kind: 'label',
    naturalKey: (body) => `${asString(body.key)}:${asString(body.value)}`,
    displayName: (body) => `${asString(body.key)}:${asString(body.value)}`,
    write: writer({ update: undefined }),
  }),
  defineTestKind({
    kind: 'source',
    naturalKey: (body) => asString(body.slug),
    labels: (body) => (body.labels as string[] | undefined) ?? [],
    // labels name their target the same way in every workspace: never rewritten
    references: (body) =>
      ((body.labels as string[] | undefined) ?? []).map((l, i) => ({ pointer: `/labels/${i}`, kind: 'label', value: l, stable: true })),
    write: writer(),
  }),
  defineTestKind({
    kind: 'schema-settings',
    parent: { kind: 'source' },
    naturalKey: (body, ctx) => `${ctx.ref('source', asString(body.sourceId)) ?? '?'} / schema`,
    references: (body) => refAt(body, 'sourceId', 'source'),
    isDefault: (body) => body.forwarding === undefined,
    deletedWith: ['source'],
    write: writer(),
  }),
  defineTestKind({
    kind: 'destination',
    naturalKey: (body, ctx) => `${ctx.ref('source', asString(body.sourceId)) ?? '?'} / ${asString(body.name)}`,
    references: (body) => refAt(body, 'sourceId', 'source'),
    createOnly: ['/sourceId'],
    secrets: ['/settings/apiKey'],
    catalogEntry: { pointer: '/metadataId', path: '/catalog/destinations/{id}', settings: '/settings' },
    write: writer(),
  }),
  defineTestKind({
    kind: 'filter',
    parent: { kind: 'destination' },
    naturalKey: (body, ctx) => `${ctx.ref('destination', asString(body.destinationId)) ?? '?'} / ${asString(body.title)}`,
    displayName: (body) => asString(body.title),
    references: (body) => refAt(body, 'destinationId', 'destination'),
    createOnly: ['/destinationId'],
    deletedWith: ['destination'],
    write: writer(),
  }),
  defineTestKind({ kind: 'invitation', naturalKey: (body) => asString(body.email), write: writer({ update: undefined }) }),
  defineTestKind({
    kind: 'user',
    naturalKey: (body) => asString(body.email),
    write: writer({ mode: 'invite', invitedAs: 'invitation' }),
  }),
  defineTestKind({ kind: 'tracking-plan', naturalKey: (body) => asString(body.name), write: writer() }),
  defineTestKind({
    kind: 'rule',
    parent: { kind: 'tracking-plan' },
    naturalKey: (body, ctx) => `${ctx.ref('tracking-plan', asString(body.trackingPlanId)) ?? '?'} / ${asString(body.key)}`,
    displayName: (body) => asString(body.key),
    references: (body) => refAt(body, 'trackingPlanId', 'tracking-plan'),
    deletedWith: ['tracking-plan'],
    write: writer({
      batch: {
        group: (body) => asString(body.trackingPlanId),
        maxItems: 100,
        maxBytes: 1_000_000,
        upsert: (items) => ({ method: 'PATCH', path: '/rules', body: items }),
        remove: (items) => ({ method: 'DELETE', path: '/rules', body: items }),
      },
    }),
  }),
]);

export interface TestItem {
  kind: string;
  id: string;
  body: JsonObject;
}

export const item = (kind: string, id: string, body: JsonObject): TestItem => ({ kind, id, body });
export const label = (key: string, value: string): TestItem => item('label', `${key}:${value}`, { key, value });
export const source = (id: string, slug: string, extra: JsonObject = {}): TestItem => item('source', id, { slug, enabled: true, ...extra });
export const destination = (id: string, sourceId: string, name: string, extra: JsonObject = {}): TestItem =>
  item('destination', id, {
    sourceId,
    name,
    metadataId: `${name.toLowerCase()}-meta`,
    enabled: true,
    settings: { region: 'eu' },
    ...extra,
  });
export const filter = (id: string, destinationId: string, title: string, extra: JsonObject = {}): TestItem =>
  item('filter', id, { destinationId, title, if: 'event = "test"', ...extra });

/** A workspace state with natural keys and hashes computed as a snapshot would. */
export function testSide(slug: string, items: TestItem[], catalog: KindCatalog = PLAN_TEST_CATALOG): WorkspaceState {
  const resolver = new NaturalKeyResolver(catalog, slug, items);
  return {
    workspaceSlug: slug,
    resources: items.map((i): Resource => ({ ...i, naturalKey: resolver.naturalKey(i.kind, i.id), hash: contentHash(i.body) })),
  };
}

/** A fresh plan context: a restore (one slug for both sides) unless the options say copy. */
export function testContext(
  sourceItems: TestItem[],
  liveItems: TestItem[],
  options: Partial<PlanOptions> = {},
  catalog: KindCatalog = PLAN_TEST_CATALOG,
): PlanContext {
  const planOptions: PlanOptions = { mode: 'restore', allowDelete: false, ...options };
  const sourceSlug = planOptions.mode === 'copy' ? 'staging' : 'prod';
  return createPlanContext(catalog, testSide(sourceSlug, sourceItems, catalog), testSide('prod', liveItems, catalog), planOptions);
}

/** A context after matching, the initial scope and every decision: steps numbered in the order they were added. */
export function decidedContext(
  sourceItems: TestItem[],
  liveItems: TestItem[],
  options: Partial<PlanOptions> = {},
  catalog: KindCatalog = PLAN_TEST_CATALOG,
): PlanContext {
  const context = testContext(sourceItems, liveItems, options, catalog);
  matchResources(context);
  selectInitialScope(context);
  decideInScope(context);
  return context;
}

/** `action kind naturalKey` per step: a plan at a glance. */
export const stepSummary = (steps: PlannedStep[]): string[] => steps.map((s) => `${s.action} ${s.kind} ${s.naturalKey}`);
