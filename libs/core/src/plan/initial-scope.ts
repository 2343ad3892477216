import { keyOf, PlanContext } from './plan-context';

/**
 * Fills `inScope` with the source resources the options select, and what hangs off them (a
 * destination's filters come with it) unless excluded. Decisions add more later: what a selected
 * resource needs, and what must follow a replaced one.
 */
export function selectInitialScope(context: PlanContext): void {
  const { catalog, scope, source, inScope } = context;
  for (const resource of source.resources) if (scope.includes(resource, source.resolver)) inScope.add(keyOf(resource));
  if (scope.everything) return;
  const queue = [...inScope];
  while (queue.length) {
    const key = queue.pop()!;
    const parent = source.byKey.get(key)!;
    for (const childKey of source.referrers.get(key) ?? []) {
      const child = source.byKey.get(childKey)!;
      if (inScope.has(childKey) || catalog.get(child.kind).parent?.kind !== parent.kind) continue;
      if (scope.excludes(child, source.resolver)) continue;
      inScope.add(childKey);
      queue.push(childKey);
    }
  }
}
