import { KindCatalog, ValidationError } from '@app/core';
import { LoadedStateAt, stateKey, StateResourceAt } from '@app/store';

export interface StateFilter {
  kind?: string;
  name?: string;
  label?: string;
}

export function checkKind(catalog: KindCatalog, kind: string | undefined, field = 'kind'): void {
  if (kind !== undefined && !catalog.has(kind)) throw new ValidationError(field, `${field} must be one of ${catalog.names().join(', ')}; got '${kind}'`);
}

export function checkLabel(label: string | undefined): void {
  if (label !== undefined && !/^[^:]+:.+$/.test(label)) throw new ValidationError('label', "label must be key:value, e.g. 'environment:prod'");
}

const labelsOf = (resource: StateResourceAt): string[] =>
  (((resource.body.labels as Array<{ key: string; value: string }> | undefined) ?? []).map((l) => `${l.key}:${l.value}`));

/**
 * Labels that apply to a resource: its own (sources carry them) and those of the source it
 * belongs to, following references up to three steps (a subscription → its destination → its
 * source), so that `label=environment:prod` finds everything hanging off production sources.
 */
function effectiveLabels(catalog: KindCatalog, state: LoadedStateAt, resource: StateResourceAt, depth = 3): string[] {
  const own = labelsOf(resource);
  if (own.length || depth === 0 || !catalog.has(resource.kind)) return own;
  for (const reference of catalog.get(resource.kind).references(resource.body)) {
    if (reference.kind === 'label') continue;
    const target = state.resolver.target(reference.kind, reference.value, reference.by);
    const found = target && state.loaded.get(stateKey(target.kind, target.id));
    if (found) {
      const labels = effectiveLabels(catalog, state, found, depth - 1);
      if (labels.length) return labels;
    }
  }
  return [];
}

/** Name and label filters read bodies: they run over a loaded state. */
export function filterLoaded(catalog: KindCatalog, state: LoadedStateAt, filter: StateFilter): StateResourceAt[] {
  const name = filter.name?.toLowerCase();
  return state.resources.filter((resource) => {
    if (filter.kind && resource.kind !== filter.kind) return false;
    // the resource's own name: a child's natural key carries its parent's, which would match too much
    if (name && !(resource.displayName || resource.naturalKey).toLowerCase().includes(name)) return false;
    if (filter.label && !effectiveLabels(catalog, state, resource).includes(filter.label)) return false;
    return true;
  });
}
