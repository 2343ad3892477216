import { KindDefinition, ReferenceOccurrence } from '../kinds';
import { getAt, JsonObject, withChanges } from '../json';
import { AMBIGUOUS, Decision, describeResource, keyOf, PlanContext } from './plan-context';
import { PendingReference, placeholder } from './types';
import { Resource } from '../resources';

/** A source body as it will be written into the target. */
export interface DesiredBody {
  /** The source body itself (same object) when no reference needs rewriting. */
  body: JsonObject;
  /** References that get their value when an earlier step has created their target. */
  pending: PendingReference[];
  /** Steps to wait for that rewrite nothing (a label to create before it is used). */
  waitFor: number[];
  /** Set when a reference cannot be resolved: what the resource needs. */
  blockedBy?: string;
}

type ResolvedReference = { value: unknown; step?: number } | { blockedBy: string };

/**
 * The source body with every reference pointing into the target workspace: to the id of the
 * target's counterpart, or to the step that will create it. A target outside the scope is pulled
 * in (recorded in `pulledIn`) unless the scope excludes it. `decide` gives the target's decision.
 */
export function desiredBody(
  context: PlanContext,
  resource: Resource,
  definition: KindDefinition,
  decide: (target: Resource) => Decision,
): DesiredBody {
  const base = resource.body;
  const changes: Array<[string, unknown]> = [];
  const pending: PendingReference[] = [];
  const waitFor: number[] = [];
  const done = new Set<string>();
  for (const reference of definition.references(resource.body)) {
    if (done.has(reference.pointer)) continue;
    const target = context.source.resolver.target(reference.kind, reference.value, reference.by);
    if (!target) continue; // global (a catalog id) or dangling: kept as it is
    done.add(reference.pointer);
    const resolved = resolveReference(context, resource, reference, context.source.byKey.get(keyOf(target))!, decide);
    if ('blockedBy' in resolved) return { body: base, pending, waitFor, blockedBy: resolved.blockedBy };
    if (reference.stable) {
      if (resolved.step !== undefined) waitFor.push(resolved.step);
      continue;
    }
    if (resolved.value !== reference.value || resolved.step !== undefined) changes.push([reference.pointer, resolved.value]);
    if (resolved.step !== undefined)
      pending.push({ pointer: reference.pointer, step: resolved.step, ...(reference.by ? { by: reference.by } : {}) });
  }
  return { body: withChanges(base, changes), pending, waitFor };
}

function resolveReference(
  context: PlanContext,
  from: Resource,
  reference: ReferenceOccurrence,
  target: Resource,
  decide: (target: Resource) => Decision,
): ResolvedReference {
  const key = keyOf(target);
  if (!context.inScope.has(key)) {
    const match = context.matches.get(key);
    if (match && match !== AMBIGUOUS) return { value: referenceValue(match, reference) };
    if (context.scope.excludes(target, context.source.resolver))
      return { blockedBy: `${describeResource(context.catalog, target)}, which is excluded` };
    context.inScope.add(key);
    context.pulledIn.push({ kind: target.kind, naturalKey: target.naturalKey, neededBy: describeResource(context.catalog, from) });
  }
  const decision = decide(target);
  switch (decision.type) {
    case 'keep':
    case 'update':
      return { value: referenceValue(decision.live, reference) };
    case 'create':
    case 'replace':
      return { value: placeholder(decision.step), step: decision.step };
    default:
      return { blockedBy: `${describeResource(context.catalog, target)}, which cannot be written` };
  }
}

/** What a reference to a live resource holds: its id, or the field the reference is by. */
function referenceValue(live: Resource, reference: ReferenceOccurrence): unknown {
  return reference.by ? getAt(live.body, `/${reference.by}`) : live.id;
}
