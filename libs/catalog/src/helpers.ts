import { Created, isMaskedValue, Json, JsonObject, KindDefinition, ReferenceOccurrence, SECRET_UNKNOWN } from '@app/core';

/** Replaces every masked value (Segment's bullets) inside an object by the "secret, unknown" marker. */
export function unmaskable(object: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, unmaskedValue(value)]));
}

function unmaskedValue(value: Json): Json {
  if (isMaskedValue(value)) return SECRET_UNKNOWN;
  if (Array.isArray(value)) return value.map(unmaskedValue);
  if (value !== null && typeof value === 'object') return unmaskable(value);
  return value;
}

/** Copies `raw` without the given top-level keys (and without undefined values). */
export function omit(raw: JsonObject, keys: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(raw)) if (!keys.includes(key) && value !== undefined) out[key] = value;
  return out;
}

/** A value as text: strings as they are, null and undefined as '', anything else through String(). */
export const asString = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);

/** A reference at `pointer` when the body holds a non-empty string there. */
export function ref(body: JsonObject, field: string, kind: string, extra: Partial<ReferenceOccurrence> = {}): ReferenceOccurrence[] {
  const value = body[field];
  return typeof value === 'string' && value !== '' ? [{ pointer: `/${field}`, kind, value, ...extra }] : [];
}

type Defaults = 'createOnly' | 'updateOnly' | 'identity' | 'secrets' | 'references' | 'displayName';

/** A kind with the common defaults filled in. */
export function defineKind(definition: Omit<KindDefinition, Defaults> & Partial<Pick<KindDefinition, Defaults>>): KindDefinition {
  return {
    createOnly: [],
    updateOnly: [],
    identity: [],
    secrets: [],
    references: () => [],
    displayName: (body) => asString(body.name ?? body.displayName ?? body.title ?? body.slug ?? body.email ?? ''),
    ...definition,
  };
}

/** The parts of a natural key, joined with a separator that names never contain. */
export const joinKey = (...parts: Array<string | undefined>): string => parts.map((p) => p ?? '?').join(' / ');

/** Role and resource references inside IAM permissions. */
export function permissionReferences(body: JsonObject, field = 'permissions'): ReferenceOccurrence[] {
  const out: ReferenceOccurrence[] = [];
  const permissions =
    (body[field] as
      | Array<{ roleId?: string; resources?: Array<{ id: string; type: string; labels?: Array<{ key: string; value: string }> }> }>
      | undefined) ?? [];
  const kindOf: Record<string, string> = { SOURCE: 'source', WAREHOUSE: 'warehouse', FUNCTION: 'function', WORKSPACE: 'workspace' };
  permissions.forEach((permission, p) => {
    if (permission.roleId) out.push({ pointer: `/${field}/${p}/roleId`, kind: 'role', value: permission.roleId });
    (permission.resources ?? []).forEach((resource, r) => {
      const kind = kindOf[resource.type];
      if (kind) out.push({ pointer: `/${field}/${p}/resources/${r}/id`, kind, value: resource.id });
      (resource.labels ?? []).forEach((label, l) =>
        out.push({
          pointer: `/${field}/${p}/resources/${r}/labels/${l}`,
          kind: 'label',
          value: `${label.key}:${label.value}`,
          stable: true,
        }),
      );
    });
  });
  return out;
}

/** Permissions in a stable shape: role name dropped (derived), labels sorted. */
export function normalizePermissions(value: unknown): JsonObject[] {
  const permissions = (Array.isArray(value) ? value : []) as Array<{
    roleId: string;
    resources?: Array<{ id: string; type: string; labels?: Array<{ key: string; value: string }> }>;
  }>;
  return permissions.map((permission) => ({
    roleId: permission.roleId,
    resources: (permission.resources ?? []).map((resource) => ({
      id: resource.id,
      type: resource.type,
      labels: [...(resource.labels ?? [])]
        .map((l) => ({ key: l.key, value: l.value }))
        .sort((a, b) => `${a.key}:${a.value}`.localeCompare(`${b.key}:${b.value}`)),
    })),
  }));
}

/** The listed fields of a body that are present (for request bodies). */
export function pick(body: JsonObject, keys: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const key of keys) if (body[key] !== undefined) out[key] = body[key];
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The listed fields whose desired value differs from the live one. */
export function changedFields(desired: JsonObject, live: JsonObject, keys: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const key of keys) if (desired[key] !== undefined && !same(desired[key], live[key])) out[key] = desired[key];
  return out;
}

/**
 * A settings patch for Segment's merge semantics: changed keys with their value, removed keys
 * as null. Undefined when nothing changed.
 */
export function settingsPatch(desired: unknown, live: unknown): JsonObject | undefined {
  const want = (desired ?? {}) as JsonObject;
  const have = (live ?? {}) as JsonObject;
  const patch: JsonObject = {};
  for (const [key, value] of Object.entries(want)) if (!same(value, have[key])) patch[key] = value;
  for (const key of Object.keys(have)) if (!(key in want)) patch[key] = null;
  return Object.keys(patch).length ? patch : undefined;
}

/** The new resource's id from a create's answer: `data[key].id`. */
export const idFrom =
  (key: string) =>
  (data: JsonObject): Created => ({ id: asString((data[key] as JsonObject | undefined)?.id) });

/** Non-empty: a request is only worth sending when its body says something. */
export const nonEmpty = (body: JsonObject): boolean => Object.keys(body).length > 0;
