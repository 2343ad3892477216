import { naturalResourceKey, resourceKey } from '../kinds';
import { AMBIGUOUS, keyOf, PlanContext } from './plan-context';
import { Resource } from '../resources';

/**
 * Pairs source resources with live ones, filling `matches` and `claimedBy`: by mapping and, in a
 * restore, by id first (they are exact), then by natural key for what is left. Two resources
 * with one natural key are never paired at random. A person's pending invitation is theirs.
 */
export function matchResources(context: PlanContext): void {
  matchExactly(context);
  const unclaimed = unclaimedByNaturalKey(context);
  matchByNaturalKey(context, unclaimed);
  claimInvitations(context, unclaimed);
}

/** The mapping says which live resource a source one became; a restore keeps ids. */
function matchExactly(context: PlanContext): void {
  const { options, live } = context;
  for (const source of context.source.resources) {
    const key = keyOf(source);
    const mapped = options.mappings?.get(key);
    const byId = mapped ? live.byKey.get(resourceKey(source.kind, mapped)) : options.mode === 'restore' ? live.byKey.get(key) : undefined;
    if (byId && !context.claimedBy.has(keyOf(byId))) claim(context, source, byId);
  }
}

/** Live resources no exact match took, by natural resource key. */
function unclaimedByNaturalKey(context: PlanContext): Map<string, Resource[]> {
  const unclaimed = new Map<string, Resource[]>();
  for (const live of context.live.resources) {
    if (context.claimedBy.has(keyOf(live))) continue;
    const key = naturalResourceKey(live.kind, live.naturalKey);
    const same = unclaimed.get(key);
    if (same) same.push(live);
    else unclaimed.set(key, [live]);
  }
  return unclaimed;
}

function matchByNaturalKey(context: PlanContext, unclaimed: Map<string, Resource[]>): void {
  const sourceCount = new Map<string, number>();
  for (const source of context.source.resources) {
    const key = naturalResourceKey(source.kind, source.naturalKey);
    sourceCount.set(key, (sourceCount.get(key) ?? 0) + 1);
  }
  for (const source of context.source.resources) {
    if (context.matches.has(keyOf(source))) continue;
    const key = naturalResourceKey(source.kind, source.naturalKey);
    const candidates = unclaimed.get(key) ?? [];
    if ((sourceCount.get(key) ?? 0) > 1 || candidates.length > 1) {
      // a restore has ids to tell twins apart: only several candidates make it ambiguous
      if (context.options.mode === 'copy' || candidates.length > 1) context.matches.set(keyOf(source), AMBIGUOUS);
      continue;
    }
    if (candidates.length === 1) claim(context, source, candidates[0]!);
  }
}

/** A person invited again shows up as an invitation until they accept: it is theirs, not extra. */
function claimInvitations(context: PlanContext, unclaimed: Map<string, Resource[]>): void {
  const { catalog } = context;
  for (const source of context.source.resources) {
    const invitedAs = catalog.has(source.kind) ? catalog.get(source.kind).write?.invitedAs : undefined;
    if (!invitedAs || context.matches.has(keyOf(source))) continue;
    const invitation = (unclaimed.get(naturalResourceKey(invitedAs, source.naturalKey)) ?? []).find(
      (live) => !context.claimedBy.has(keyOf(live)),
    );
    if (invitation) context.claimedBy.set(keyOf(invitation), keyOf(source));
  }
}

function claim(context: PlanContext, source: Resource, live: Resource): void {
  context.matches.set(keyOf(source), live);
  context.claimedBy.set(keyOf(live), keyOf(source));
}
