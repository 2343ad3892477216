import { fieldName } from '../history/summary';
import { isPlainObject, JsonObject } from '../json';
import { PlanResource } from './types';

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
export function substitutionTransform(substitutions: Substitution[]): (resource: PlanResource, body: JsonObject) => JsonObject {
  return (resource, body) => {
    const applicable = substitutions.filter((s) => !s.kinds?.length || s.kinds.includes(resource.kind));
    if (!applicable.length) return body;
    const walk = (value: unknown, path: string): unknown => {
      if (typeof value === 'string') {
        let out = value;
        for (const s of applicable) if (covered(path, (s.fields ?? DEFAULT_FIELDS).map(normalizeField))) out = out.split(s.match).join(s.replace);
        return out;
      }
      if (Array.isArray(value)) return value.map((item, i) => walk(item, `${path}[${i}]`));
      if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, path ? `${path}.${k}` : k)]));
      return value;
    };
    return walk(body, '') as JsonObject;
  };
}
