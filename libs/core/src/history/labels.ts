import { KindCatalog } from '../catalog';
import { NaturalKeyResolver, ResourceBody } from '../snapshot';

const own = (resource: ResourceBody): string[] => ((resource.body.labels as Array<{ key: string; value: string }> | undefined) ?? []).map((l) => `${l.key}:${l.value}`);

/**
 * Labels that apply to a resource: its own (sources carry them) or those of what it belongs to,
 * following references up to three steps (a subscription → its destination → its source), so
 * that `environment:prod` finds everything hanging off production sources.
 */
export function effectiveLabels(catalog: KindCatalog, resolver: NaturalKeyResolver, resource: ResourceBody, depth = 3): string[] {
  const labels = own(resource);
  if (labels.length || depth === 0 || !catalog.has(resource.kind)) return labels;
  for (const reference of catalog.get(resource.kind).references(resource.body)) {
    if (reference.kind === 'label') continue;
    const target = resolver.target(reference.kind, reference.value, reference.by);
    if (!target) continue;
    const inherited = effectiveLabels(catalog, resolver, target, depth - 1);
    if (inherited.length) return inherited;
  }
  return [];
}
