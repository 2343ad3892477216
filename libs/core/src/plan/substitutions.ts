import { fieldName } from '../history/summary';
import { isPlainObject, JsonObject } from '../json';
import { Resource } from '../resources';

/** `staging` → `production` in names, URLs and settings; kinds and fields narrow where. */
export interface Substitution {
  match: string;
  replace: string;
  kinds?: string[];
  /** Dotted names or JSON Pointers of the fields (and everything under them); by default names and settings. */
  fields?: string[];
}

const DEFAULT_FIELDS = ['name', 'displayName', 'title', 'description', 'settings'];

const normalizeField = (field: string): string => (field.startsWith('/') ? fieldName(field) : field);

/** Whether a string at `path` (dotted, with [n] for array items) is covered by one of the fields. */
function covered(path: string, fields: string[]): boolean {
  const bare = path.replace(/\[\d+\]/g, '');
  return fields.some((field) => bare === field || bare.startsWith(`${field}.`));
}

/**
 * A transform for the planner that applies substitutions, in order, to the string values of
 * the chosen fields. Every occurrence of `match` is replaced (plain text, case-sensitive).
 */
export function substitutionTransform(substitutions: Substitution[]): (resource: Resource, body: JsonObject) => JsonObject {
  const prepared = substitutions.map((s) => ({ ...s, fields: (s.fields ?? DEFAULT_FIELDS).map(normalizeField) }));
  return (resource, body) => {
    const applicable = prepared.filter((s) => !s.kinds?.length || s.kinds.includes(resource.kind));
    if (!applicable.length) return body;
    const path: Array<string | number> = [];
    const dotted = () => path.map((t, i) => (typeof t === 'number' ? `[${t}]` : i === 0 ? t : `.${t}`)).join('');
    // Returns the value itself when nothing in it changes: untouched bodies are not copied.
    const walk = (value: unknown): unknown => {
      if (typeof value === 'string') {
        if (!applicable.some((s) => value.includes(s.match))) return value;
        const where = dotted();
        let out = value;
        for (const s of applicable) if (out.includes(s.match) && covered(where, s.fields)) out = out.split(s.match).join(s.replace);
        return out;
      }
      if (Array.isArray(value)) {
        let copy: unknown[] | undefined;
        value.forEach((item, i) => {
          path.push(i);
          const next = walk(item);
          path.pop();
          if (next !== item) (copy ??= [...value])[i] = next;
        });
        return copy ?? value;
      }
      if (isPlainObject(value)) {
        let copy: Record<string, unknown> | undefined;
        for (const key of Object.keys(value)) {
          path.push(key);
          const next = walk(value[key]);
          path.pop();
          if (next !== value[key]) (copy ??= { ...value })[key] = next;
        }
        return copy ?? value;
      }
      return value;
    };
    return walk(body) as JsonObject;
  };
}
