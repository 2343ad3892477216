import { validation } from '../http/sim-error';

/**
 * A deliberately small validator for request bodies: each field has a type and flags, unknown
 * fields are rejected (so that a client sending a field Segment would not accept — a create-only
 * field on update, a name on source create — is told so), and every error names its field.
 */
export type FieldSpec =
  | { kind: 'string'; required?: boolean; nonEmpty?: boolean; enum?: readonly string[]; nullable?: boolean; max?: number }
  | { kind: 'boolean'; required?: boolean }
  | { kind: 'number'; required?: boolean; integer?: boolean; min?: number; max?: number }
  | { kind: 'map'; required?: boolean; nullable?: boolean }
  | { kind: 'any'; required?: boolean }
  | { kind: 'array'; required?: boolean; of: FieldSpec; max?: number; nonEmpty?: boolean }
  | { kind: 'object'; required?: boolean; fields: ObjectSpec; rejected?: Record<string, string> };

export type ObjectSpec = Record<string, FieldSpec>;

export const str = (flags: Omit<Extract<FieldSpec, { kind: 'string' }>, 'kind'> = {}): FieldSpec => ({ kind: 'string', ...flags });
export const bool = (flags: { required?: boolean } = {}): FieldSpec => ({ kind: 'boolean', ...flags });
export const num = (flags: Omit<Extract<FieldSpec, { kind: 'number' }>, 'kind'> = {}): FieldSpec => ({ kind: 'number', ...flags });
export const map = (flags: { required?: boolean; nullable?: boolean } = {}): FieldSpec => ({ kind: 'map', ...flags });
export const any = (flags: { required?: boolean } = {}): FieldSpec => ({ kind: 'any', ...flags });
export const arr = (of: FieldSpec, flags: { required?: boolean; max?: number; nonEmpty?: boolean } = {}): FieldSpec => ({
  kind: 'array',
  of,
  ...flags,
});
export const obj = (fields: ObjectSpec, flags: { required?: boolean; rejected?: Record<string, string> } = {}): FieldSpec => ({
  kind: 'object',
  fields,
  ...flags,
});

const typeOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

function check(value: unknown, spec: FieldSpec, path: string): void {
  switch (spec.kind) {
    case 'string':
      if (value === null && spec.nullable) return;
      if (typeof value !== 'string') throw validation(path, `${path} must be a string, got ${typeOf(value)}.`);
      if (spec.nonEmpty && value.trim() === '') throw validation(path, `${path} must not be empty.`);
      if (spec.max !== undefined && value.length > spec.max) throw validation(path, `${path} must be at most ${spec.max} characters.`);
      if (spec.enum && !spec.enum.includes(value)) throw validation(path, `${path} must be one of ${spec.enum.join(', ')}.`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw validation(path, `${path} must be a boolean, got ${typeOf(value)}.`);
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw validation(path, `${path} must be a number, got ${typeOf(value)}.`);
      if (spec.integer && !Number.isInteger(value)) throw validation(path, `${path} must be an integer.`);
      if (spec.min !== undefined && value < spec.min) throw validation(path, `${path} must be at least ${spec.min}.`);
      if (spec.max !== undefined && value > spec.max) throw validation(path, `${path} must be at most ${spec.max}.`);
      return;
    case 'map':
      if (value === null && spec.nullable) return;
      if (typeOf(value) !== 'object') throw validation(path, `${path} must be an object, got ${typeOf(value)}.`);
      return;
    case 'any':
      return;
    case 'array': {
      if (!Array.isArray(value)) throw validation(path, `${path} must be an array, got ${typeOf(value)}.`);
      if (spec.nonEmpty && value.length === 0) throw validation(path, `${path} must not be empty.`);
      if (spec.max !== undefined && value.length > spec.max) throw validation(path, `${path} may hold at most ${spec.max} items.`);
      value.forEach((item, index) => check(item, spec.of, `${path}[${index}]`));
      return;
    }
    case 'object':
      checkObject(value, spec.fields, path, spec.rejected ?? {});
      return;
  }
}

function checkObject(value: unknown, fields: ObjectSpec, path: string, rejected: Record<string, string>): void {
  if (typeOf(value) !== 'object')
    throw validation(path || 'body', `${path || 'The request body'} must be an object, got ${typeOf(value)}.`);
  const record = value as Record<string, unknown>;
  const at = (key: string) => (path ? `${path}.${key}` : key);
  for (const key of Object.keys(record)) {
    if (rejected[key]) throw validation(at(key), rejected[key]);
    if (!(key in fields)) throw validation(at(key), `Unknown field '${at(key)}'.`);
  }
  for (const [key, spec] of Object.entries(fields)) {
    const fieldValue = record[key];
    if (fieldValue === undefined) {
      if (spec.required) throw validation(at(key), `${at(key)} is required.`);
      continue;
    }
    check(fieldValue, spec, at(key));
  }
}

/** Validates a request body against an object spec and returns it typed. */
export function readBody<T>(body: unknown, fields: ObjectSpec, rejected: Record<string, string> = {}): T {
  checkObject(body ?? {}, fields, '', rejected);
  return (body ?? {}) as T;
}

/** Validates a query parameter value or a nested value with a field path for errors. */
export function readValue<T>(value: unknown, spec: FieldSpec, path: string): T {
  if (value === undefined) {
    if (spec.required) throw validation(path, `${path} is required.`);
    return value as T;
  }
  check(value, spec, path);
  return value as T;
}
