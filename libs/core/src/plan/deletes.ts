import { resourceKey } from '../kinds';
import { addStep, inCatalogOrder, keyOf, PlanContext } from './plan-context';
import { Resource } from '../resources';

/**
 * Deletes the live resources no source resource claimed: those a replace takes along (cascade),
 * those the options allow deleting (allowDelete; in a copy only what the mapping says came from
 * the source, unless deleteUnmapped), and kinds whose absence is Segment's defaults. The others
 * in scope are `kept`. Children come before parents; none for what Segment deletes along.
 */
export function planDeletes(context: PlanContext): void {
  const { catalog, options } = context;
  const candidates: Array<{ live: Resource; reason: string }> = [];
  const mappedTargets = new Set(options.mappings?.values() ?? []);
  for (const live of inCatalogOrder(catalog, context.live.resources).reverse()) {
    const key = keyOf(live);
    if (context.claimedBy.has(key) || !catalog.has(live.kind)) continue;
    const definition = catalog.get(live.kind);
    if (!definition.write || definition.readOnly || options.unavailableKinds?.has(live.kind)) continue;
    const cascade = context.cascade.get(key);
    if (cascade) {
      candidates.push({ live, reason: `removed: ${cascade}` });
      continue;
    }
    if (!inDeleteScope(context, live)) continue;
    // A kind whose "absence" is Segment's defaults is put back to them, like any other change,
    // when what it belongs to is itself part of the source.
    const toDefaults = !!definition.isDefault && parentClaimed(context, live);
    const fromSource = options.mode === 'restore' || options.deleteUnmapped || mappedTargets.has(live.id);
    if ((options.allowDelete && fromSource) || toDefaults) {
      candidates.push({
        live,
        reason: toDefaults
          ? "back to Segment's defaults"
          : options.mode === 'restore'
            ? 'not in the version restored'
            : 'not in the source workspace',
      });
    } else {
      context.kept.push({ kind: live.kind, naturalKey: live.naturalKey, id: live.id });
    }
  }
  for (const { live } of candidates) context.deletedLive.add(keyOf(live));
  for (const { live, reason } of candidates) {
    if (goesWithDeleted(context, live)) continue;
    addStep(context, {
      action: 'delete',
      kind: live.kind,
      naturalKey: live.naturalKey,
      displayName: catalog.get(live.kind).displayName(live.body),
      liveId: live.id,
      before: live.body,
      beforeHash: live.hash,
      pending: [],
      dependsOn: [],
      reason,
      secretsMissing: [],
      secretsSupplied: [],
    });
  }
}

/** A live resource Segment deletes itself when something it refers to is deleted by this plan. */
export function goesWithDeleted(context: PlanContext, live: Resource): boolean {
  const definition = context.catalog.get(live.kind);
  const deletedWith = definition.deletedWith;
  if (!deletedWith?.length) return false;
  return definition
    .references(live.body)
    .filter((reference) => deletedWith.includes(reference.kind))
    .some((reference) => {
      const target = context.live.resolver.target(reference.kind, reference.value, reference.by);
      return !!target && context.deletedLive.has(resourceKey(target.kind, target.id));
    });
}

/** Whether the live resource's parent is claimed by a source resource. */
function parentClaimed(context: PlanContext, live: Resource): boolean {
  const definition = context.catalog.get(live.kind);
  const parentKind = definition.parent?.kind;
  if (!parentKind) return false;
  return definition
    .references(live.body)
    .filter((reference) => reference.kind === parentKind)
    .some((reference) => {
      const target = context.live.resolver.target(reference.kind, reference.value, reference.by);
      return !!target && context.claimedBy.has(resourceKey(target.kind, target.id));
    });
}

/** Whether the scope covers a live resource, by the rules that select source resources. */
function inDeleteScope(context: PlanContext, live: Resource): boolean {
  const { scope, options } = context;
  const resolver = context.live.resolver;
  if (scope.everything) return !scope.excludes(live, resolver);
  const ids = options.scope?.ids;
  if (ids?.length && options.mode === 'restore') return ids.includes(live.id) && scope.includes({ ...live }, resolver);
  return scope.includes(live, resolver);
}

/**
 * A delete waits for what stops referring to the deleted resource: the deletes of its
 * referrers, and updates that point them elsewhere.
 */
export function dependOnMovedReferences(context: PlanContext): void {
  const deleteOf = new Map(context.steps.filter((s) => s.action === 'delete').map((s) => [resourceKey(s.kind, s.liveId!), s]));
  const updateOf = new Map(context.steps.filter((s) => s.action === 'update').map((s) => [resourceKey(s.kind, s.liveId!), s]));
  for (const [key, removal] of deleteOf) {
    for (const referrer of context.live.referrers.get(key) ?? []) {
      const first = deleteOf.get(referrer) ?? updateOf.get(referrer);
      if (first && first.index !== removal.index && !removal.dependsOn.includes(first.index)) removal.dependsOn.push(first.index);
    }
  }
}
