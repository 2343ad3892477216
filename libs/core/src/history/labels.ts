import { KindCatalog } from '../kinds';
import { ResourceBody } from '../resources';
import { NaturalKeyResolver } from '../snapshot';

/**
 * Labels that apply to a resource: its own (the catalog says which kinds carry some) or those
 * of what it belongs to, following references up to three steps (a subscription → its
 * destination → its source), so that `environment:prod` finds everything hanging off
 * production sources. Stable references (to the labels themselves) are not followed.
 */
export function effectiveLabels(catalog: KindCatalog, resolver: NaturalKeyResolver, resource: ResourceBody, depth = 3): string[] {
  if (!catalog.has(resource.kind)) return [];
  const definition = catalog.get(resource.kind);
  const labels = definition.labels?.(resource.body) ?? [];
  if (labels.length || depth === 0) return labels;
  for (const reference of definition.references(resource.body)) {
    if (reference.stable) continue;
    const target = resolver.target(reference.kind, reference.value, reference.by);
    if (!target) continue;
    const inherited = effectiveLabels(catalog, resolver, target, depth - 1);
    if (inherited.length) return inherited;
  }
  return [];
}
