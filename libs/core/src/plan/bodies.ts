import { isSecretMarker, KindDefinition, SECRET_SUPPLIED } from '../kinds';
import { jsonPatch, PatchOperation } from '../history/json-patch';
import { fieldName } from '../history/summary';
import { isPlainObject, jsonEqual, JsonObject, parsePointer, toPointer, withChanges } from '../json';
import { SuppliedSecret } from './types';

/** Pointers of a body that hold the "secret, unknown" marker (paths are built only for those). */
export function unknownSecrets(body: JsonObject): string[] {
  const found: string[] = [];
  const path: string[] = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (isSecretMarker(node)) {
      found.push(toPointer(path));
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        path.push(String(i));
        walk(child);
        path.pop();
      });
      return;
    }
    for (const key of Object.keys(node)) {
      path.push(key);
      walk((node as Record<string, unknown>)[key]);
      path.pop();
    }
  };
  walk(body);
  return found;
}

/** `settings.apiKey` or `/settings/apiKey` → `/settings/apiKey`. */
export function toFieldPointer(field: string): string {
  if (field.startsWith('/')) return field;
  return toPointer(field.split('.'));
}

/**
 * Sets the secrets supplied for this resource (matched by its id or natural key) in its body.
 * Returns the new body and the fields that were set.
 */
export function supplySecrets(
  body: JsonObject,
  secrets: SuppliedSecret[],
  resource: { kind: string; id?: string; naturalKey: string },
): { body: JsonObject; supplied: string[]; pointers: string[] } {
  const mine = secrets.filter((s) => s.kind === resource.kind && (s.resource === resource.id || s.resource === resource.naturalKey));
  if (!mine.length) return { body, supplied: [], pointers: [] };
  const changes = mine.map((s) => [toFieldPointer(s.field), s.value] as const);
  return {
    body: withPaths(body, changes),
    supplied: changes.map(([pointer]) => fieldName(pointer)).sort(),
    pointers: changes.map(([pointer]) => pointer),
  };
}

/** The body and operations as a plan stores and shows them: supplied secrets as a marker, never the value. */
export function redactSupplied<T extends { path: string }>(body: JsonObject, ops: T[], pointers: string[]): { body: JsonObject; ops: T[] } {
  if (!pointers.length) return { body, ops };
  const redactOp = (op: T): T => {
    if (!('value' in op)) return op;
    if (pointers.some((p) => op.path === p || op.path.startsWith(`${p}/`))) return { ...op, value: SECRET_SUPPLIED };
    // an operation on a parent (`add /settings`) carries the secret inside its value
    const inside = pointers.filter((p) => p.startsWith(`${op.path}/`)).map((p) => [p.slice(op.path.length), SECRET_SUPPLIED] as const);
    return inside.length ? { ...op, value: withChanges(op.value, inside) } : op;
  };
  return {
    body: withChanges(
      body,
      pointers.map((p) => [p, SECRET_SUPPLIED] as const),
    ),
    ops: ops.map(redactOp),
  };
}

/** The body without its unknown secrets (what can be sent), and the fields that had to be left out. */
export function withoutUnknownSecrets(body: JsonObject): { body: JsonObject; missing: string[] } {
  const pointers = unknownSecrets(body);
  if (!pointers.length) return { body, missing: [] };
  // a marker can sit in an array too: the element goes, not just its value
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.filter((item) => !isSecretMarker(item)).map(strip);
    if (isPlainObject(value))
      return Object.fromEntries(
        Object.entries(value)
          .filter(([, v]) => !isSecretMarker(v))
          .map(([k, v]) => [k, strip(v)]),
      );
    return value;
  };
  return { body: strip(body) as JsonObject, missing: pointers.map(fieldName).sort() };
}

/**
 * What turns the live body into the desired one, ignoring what cannot be compared: the
 * resource's own server-generated identifiers, and secrets the desired body does not know.
 */
export function bodyChanges(
  definition: KindDefinition,
  live: JsonObject,
  desired: JsonObject,
  alsoIgnored: string[] = [],
): PatchOperation[] {
  const ignored = [...definition.identity, ...unknownSecrets(desired), ...alsoIgnored].map((p) => [p, undefined] as const);
  const [a, b] = [withChanges(live, ignored), withChanges(desired, ignored)];
  // most pairs are equal: a deep comparison is far cheaper than computing an empty patch
  if (jsonEqual(a, b)) return [];
  if (definition.comparable && jsonEqual(definition.comparable(a), definition.comparable(b))) return [];
  return jsonPatch(a, b);
}

/** True when an operation touches a create-only field (or something inside one). */
export function touchesCreateOnly(definition: KindDefinition, path: string): boolean {
  return definition.createOnly.some((field) => path === field || path.startsWith(`${field}/`) || field.startsWith(`${path}/`));
}

/** The first token of a pointer, for messages ("sourceId is create-only"). */
export const fieldOf = (pointer: string): string => fieldName(toPointer(parsePointer(pointer)));

/** Like withChanges, but creates the objects on the way when they are missing (`settings` of a body without any). */
function withPaths(body: JsonObject, changes: ReadonlyArray<readonly [string, unknown]>): JsonObject {
  const scaffold = changes.flatMap(([pointer]) => {
    const tokens = parsePointer(pointer);
    return tokens.slice(0, -1).map((_, i) => toPointer(tokens.slice(0, i + 1)));
  });
  let out = body;
  for (const pointer of [...new Set(scaffold)]) {
    const parent = parsePointer(pointer);
    const holder = parent.slice(0, -1).reduce<unknown>((node, token) => (isPlainObject(node) ? node[token] : undefined), out);
    if (isPlainObject(holder) && holder[parent[parent.length - 1]!] === undefined) out = withChanges(out, [[pointer, {}]]);
  }
  return withChanges(out, changes);
}
