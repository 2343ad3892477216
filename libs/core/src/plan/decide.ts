import { getAt } from '../json';
import { desiredBody } from './desired';
import { addGap, AMBIGUOUS, Decision, describeResource, inCatalogOrder, keyOf, PlanContext } from './plan-context';
import { Resource } from '../resources';
import { planWrite } from './write-steps';

/**
 * Decides every source resource in scope, in catalog order, adding its steps. Deciding one can
 * decide others first (what it refers to) and widen the scope (what it needs, what follows a
 * replace): those are decided once, when reached or needed.
 */
export function decideInScope(context: PlanContext): void {
  for (const resource of inCatalogOrder(context.catalog, context.source.resources)) {
    if (context.inScope.has(keyOf(resource))) decide(context, resource);
  }
}

/** The decision for one source resource, made once; a resource met again while being decided sits on a reference cycle. */
function decide(context: PlanContext, resource: Resource): Decision {
  const key = keyOf(resource);
  const known = context.decisions.get(key);
  if (known) return known;
  if (context.deciding.has(key)) {
    addGap(
      context,
      'cycle',
      resource,
      `${describeResource(context.catalog, resource)} refers to itself through other resources; it is not planned`,
    );
    return { type: 'skip' };
  }
  context.deciding.add(key);
  const decision = makeDecision(context, resource);
  context.deciding.delete(key);
  context.decisions.set(key, decision);
  return decision;
}

/** Skips what cannot be written (with a gap saying why), keeps what needs no write, else plans the write. */
function makeDecision(context: PlanContext, resource: Resource): Decision {
  const { catalog, options } = context;
  const definition = catalog.get(resource.kind);
  const unavailable = options.unavailableKinds?.get(resource.kind);
  if (unavailable) {
    if (!context.unavailableReported.has(resource.kind)) {
      context.unavailableReported.add(resource.kind);
      addGap(context, 'feature', resource, `The target workspace cannot hold ${definition.label}s: ${unavailable}`, false);
    }
    return { type: 'skip' };
  }
  const match = context.matches.get(keyOf(resource));
  if (match === AMBIGUOUS) {
    addGap(
      context,
      'ambiguous',
      resource,
      `${describeResource(catalog, resource)}: several resources share the natural key '${resource.naturalKey}'; none is written`,
    );
    return { type: 'skip' };
  }
  const entry = definition.catalogEntry ? getAt(resource.body, definition.catalogEntry.pointer) : undefined;
  if (!match && typeof entry === 'string' && options.missingCatalogEntries?.has(entry)) {
    addGap(
      context,
      'catalog',
      resource,
      `${describeResource(catalog, resource)} cannot be created: the target workspace's catalog has no entry '${entry}'`,
    );
    return { type: 'skip' };
  }
  if (!definition.write || definition.readOnly) {
    if (match) return { type: 'keep', live: match };
    addGap(
      context,
      'read-only',
      resource,
      `${describeResource(catalog, resource)} does not exist in the target and cannot be created through Segment's API`,
    );
    return { type: 'skip' };
  }
  const desired = desiredBody(context, resource, definition, (target) => decide(context, target));
  if (desired.blockedBy) {
    addGap(context, 'missing-reference', resource, `${describeResource(catalog, resource)} is not written: it needs ${desired.blockedBy}`);
    return { type: 'skip' };
  }
  // the common case, cheaply: same content, references unchanged, nothing supplied
  if (match && match.hash === resource.hash && desired.body === resource.body && !options.secrets?.length) {
    context.unchanged++;
    return { type: 'keep', live: match };
  }
  return planWrite(context, resource, definition, desired, match);
}
