import { effectiveLabels, KindCatalog, Resource, ValidationError } from '@app/core';
import { LoadedStateAt } from '@app/store';

export interface StateFilter {
  kind?: string;
  name?: string;
  label?: string;
}

export function checkKind(catalog: KindCatalog, kind: string | undefined, field = 'kind'): void {
  if (kind !== undefined && !catalog.has(kind))
    throw new ValidationError(field, `${field} must be one of ${catalog.names().join(', ')}; got '${kind}'`);
}

export function checkLabel(label: string | undefined): void {
  if (label !== undefined && !/^[^:]+:.+$/.test(label))
    throw new ValidationError('label', "label must be key:value, e.g. 'environment:prod'");
}

/** Name and label filters read bodies: they run over a loaded state. */
export function filterLoaded(catalog: KindCatalog, state: LoadedStateAt, filter: StateFilter): Resource[] {
  const name = filter.name?.toLowerCase();
  return state.resources.filter((resource) => {
    if (filter.kind && resource.kind !== filter.kind) return false;
    // the resource's own name: a child's natural key carries its parent's, which would match too much
    if (name && !(resource.displayName || resource.naturalKey).toLowerCase().includes(name)) return false;
    if (filter.label && !effectiveLabels(catalog, state.resolver, resource).includes(filter.label)) return false;
    return true;
  });
}
