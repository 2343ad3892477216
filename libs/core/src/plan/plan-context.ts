import { KindCatalog, KindName, resourceKey } from '../kinds';
import { NaturalKeyResolver } from '../snapshot';
import { ScopeMatcher } from './scope';
import { Gap, PlannedStep, PlanOptions, PlanResult } from './types';
import { Resource, WorkspaceState } from '../resources';

/** One side of a plan (the source, or the live target), indexed once. */
export interface IndexedSide {
  resources: Resource[];
  resolver: NaturalKeyResolver;
  /** resourceKey → resource. */
  byKey: Map<string, Resource>;
  /** resourceKey of a resource → resourceKeys of the resources on this side that refer to it. */
  referrers: Map<string, string[]>;
}

/** Marks a source resource that several live resources could be, or that shares its natural key: it is never paired at random. */
export const AMBIGUOUS = Symbol('ambiguous');

/** What the plan does with one source resource. */
export type Decision =
  | { type: 'keep'; live: Resource }
  | { type: 'update'; live: Resource; step: number }
  | { type: 'create'; step: number }
  | { type: 'replace'; live: Resource; step: number }
  | { type: 'skip' };

/**
 * Everything one planning shares: the inputs, the indexes over both sides, and what the phases
 * (match, scope, decide, deletes, finish) fill in, in that order. Keys are resourceKeys.
 */
export interface PlanContext {
  readonly catalog: KindCatalog;
  readonly options: PlanOptions;
  readonly scope: ScopeMatcher;
  /** The source as it will be written (after options.transform). */
  readonly source: IndexedSide;
  readonly live: IndexedSide;

  /** Source resource → its live counterpart (match). */
  readonly matches: Map<string, Resource | typeof AMBIGUOUS>;
  /** Live resource → the source resource it belongs to (a match, or a pending invitation). */
  readonly claimedBy: Map<string, string>;
  /** Source resources the plan covers: the selection, then whatever decisions pull in. */
  readonly inScope: Set<string>;
  /** Source resource → its decision, once made (decide). */
  readonly decisions: Map<string, Decision>;
  /** Source resources whose decision is being made: meeting one again is a reference cycle. */
  readonly deciding: Set<string>;
  /** Kinds the target cannot hold that already have their gap. */
  readonly unavailableReported: Set<KindName>;
  /** Live resource → why it must go: something it refers to is replaced. */
  readonly cascade: Map<string, string>;
  /** Live resources this plan deletes (alone or as part of a replace). */
  readonly deletedLive: Set<string>;

  readonly steps: PlannedStep[];
  readonly gaps: Gap[];
  readonly pulledIn: PlanResult['pulledIn'];
  readonly kept: PlanResult['kept'];
  /** How many writable source resources need no write. */
  unchanged: number;
}

export function createPlanContext(catalog: KindCatalog, source: WorkspaceState, live: WorkspaceState, options: PlanOptions): PlanContext {
  const written = options.transform ? transformed(catalog, source, options.transform) : source;
  return {
    catalog,
    options,
    scope: new ScopeMatcher(catalog, options.scope),
    source: indexSide(catalog, written),
    live: indexSide(catalog, live),
    matches: new Map(),
    claimedBy: new Map(),
    inScope: new Set(),
    decisions: new Map(),
    deciding: new Set(),
    unavailableReported: new Set(),
    cascade: new Map(),
    deletedLive: new Set(),
    steps: [],
    gaps: [],
    pulledIn: [],
    kept: [],
    unchanged: 0,
  };
}

function indexSide(catalog: KindCatalog, side: WorkspaceState): IndexedSide {
  const resolver = new NaturalKeyResolver(catalog, side.workspaceSlug, side.resources);
  const byKey = new Map<string, Resource>();
  for (const resource of side.resources) byKey.set(keyOf(resource), resource);
  const referrers = new Map<string, string[]>();
  for (const resource of side.resources) {
    if (!catalog.has(resource.kind)) continue;
    for (const reference of catalog.get(resource.kind).references(resource.body)) {
      const target = resolver.target(reference.kind, reference.value, reference.by);
      if (!target) continue;
      const targetKey = resourceKey(target.kind, target.id);
      const list = referrers.get(targetKey);
      if (list) list.push(keyOf(resource));
      else referrers.set(targetKey, [keyOf(resource)]);
    }
  }
  return { resources: side.resources, resolver, byKey, referrers };
}

/**
 * The source as it will be written: bodies transformed (copy's substitutions), natural keys
 * recomputed from them, so that a renamed-by-substitution resource matches its target.
 */
function transformed(catalog: KindCatalog, side: WorkspaceState, transform: NonNullable<PlanOptions['transform']>): WorkspaceState {
  // a transformed body has no known hash: it is compared in full
  const resources = side.resources.map((resource) => {
    const body = transform(resource, resource.body);
    return { ...resource, body, hash: body === resource.body ? resource.hash : '' };
  });
  const resolver = new NaturalKeyResolver(catalog, side.workspaceSlug, resources);
  return {
    workspaceSlug: side.workspaceSlug,
    resources: resources.map((resource) => ({
      ...resource,
      naturalKey: catalog.has(resource.kind) ? resolver.naturalKey(resource.kind, resource.id) : resource.naturalKey,
    })),
  };
}

export const keyOf = (resource: { kind: KindName; id: string }): string => resourceKey(resource.kind, resource.id);

/** Appends a step numbered in creation order (finish renumbers them in execution order). */
export function addStep(context: PlanContext, step: Omit<PlannedStep, 'index'>): PlannedStep {
  const planned = { ...step, index: context.steps.length + 1 } as PlannedStep;
  if (planned.action === 'delete' && planned.liveId) context.deletedLive.add(resourceKey(planned.kind, planned.liveId));
  context.steps.push(planned);
  return planned;
}

/** Records a gap about a resource; `named: false` for a gap about its whole kind. */
export function addGap(
  context: PlanContext,
  type: Gap['type'],
  resource: Resource,
  message: string,
  named = true,
  fields?: string[],
): void {
  context.gaps.push({
    type,
    kind: resource.kind,
    ...(named ? { naturalKey: resource.naturalKey } : {}),
    ...(fields ? { fields } : {}),
    message,
  });
}

/** A resource as messages name it: `destination 'Amplitude'`. */
export function describeResource(catalog: KindCatalog, resource: Resource): string {
  const definition = catalog.get(resource.kind);
  return `${definition.label} '${definition.displayName(resource.body) || resource.naturalKey}'`;
}

/** Resources in catalog order (unknown kinds last), then by natural key: the order decisions are made in. */
export function inCatalogOrder(catalog: KindCatalog, resources: Resource[]): Resource[] {
  const order = new Map(catalog.names().map((name, i) => [name, i]));
  return [...resources].sort(
    (a, b) =>
      (order.get(a.kind) ?? 999) - (order.get(b.kind) ?? 999) || (a.naturalKey < b.naturalKey ? -1 : a.naturalKey > b.naturalKey ? 1 : 0),
  );
}
