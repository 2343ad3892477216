import { JsonObject } from '../json';
import { KindDefinition, ReferenceOccurrence } from './kind';

/** Fixtures for specs that need a small catalog of their own: not used by production code. */
/** A string value as it is, anything else as ''. */
export const asString = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A reference at `/field` when the body holds a non-empty string there. */
export const refAt = (body: JsonObject, field: string, kind: string, extra: Partial<ReferenceOccurrence> = {}): ReferenceOccurrence[] =>
  typeof body[field] === 'string' && body[field] !== '' ? [{ pointer: `/${field}`, kind, value: body[field] as string, ...extra }] : [];

/** A kind with every optional part defaulted: listed at `/<kind>`, named by `name`. */
export const defineTestKind = (definition: Partial<KindDefinition> & Pick<KindDefinition, 'kind' | 'naturalKey'>): KindDefinition => ({
  label: definition.kind,
  list: { path: `/${definition.kind}`, itemsKey: definition.kind, paginated: true },
  normalize: (raw) => raw,
  id: (raw) => asString(raw.id),
  displayName: (body) => asString(body.name),
  references: () => [],
  createOnly: [],
  updateOnly: [],
  identity: [],
  secrets: [],
  ...definition,
});
