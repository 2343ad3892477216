import { randomUUID } from 'node:crypto';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { getMetadataStorage } from 'class-validator';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';

type Class = new (...args: never[]) => object;

/** One operation of the published OpenAPI document, with the DTOs its handler validates. */
export interface Operation {
  method: string;
  /** The OpenAPI template: `/workspaces/{id}`. */
  path: string;
  pathParams: string[];
  body?: Class;
  query?: Class;
}

/** One hostile request, and the field its refusal must name. */
export interface BadCase {
  name: string;
  method: string;
  url: string;
  body?: unknown;
  /** Sent as is, with Content-Type: application/json. */
  raw?: Buffer | string;
  field: string;
  /** The value a path case puts in the URL (a 404 names it). */
  value?: string;
}

/** The operations of an OpenAPI document, each matched to its Nest handler's body and query DTO. */
export function operationsOf(document: { paths: Record<string, Record<string, unknown>> }, controllers: Class[]): Operation[] {
  const handlers = new Map<string, { body?: Class; query?: Class }>();
  for (const controller of controllers) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const proto = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto).filter((n) => n !== 'constructor')) {
      const handler = proto[name];
      const path = typeof handler === 'function' ? (Reflect.getMetadata(PATH_METADATA, handler) as unknown) : undefined;
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler as object) as number]!.toLowerCase();
      const full = `/${[base, String(path)].filter((p) => p && p !== '/').join('/')}`.replace(/:(\w+)/g, '{$1}');
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, { index: number }>;
      const types = (Reflect.getMetadata('design:paramtypes', proto, name) ?? []) as Class[];
      const dto: { body?: Class; query?: Class } = {};
      for (const [key, { index }] of Object.entries(args)) {
        const type = Number(key.split(':')[0]);
        if (type === RouteParamtypes.BODY) dto.body = types[index];
        if (type === RouteParamtypes.QUERY) dto.query = types[index];
      }
      handlers.set(`${method} ${full}`, dto);
    }
  }
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => {
      const dto = handlers.get(`${method} ${path}`);
      if (!dto) throw new Error(`no handler for ${method} ${path} in the OpenAPI document`);
      return { method, path, pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!), ...dto };
    }),
  );
}

export type FieldType = 'string' | 'number' | 'boolean' | 'array' | 'object';

export interface Field {
  path: string;
  type: FieldType;
}

/** The fields a DTO validates, nested objects included (one level of arrays of objects: their first item). */
export function fieldsOf(dto: Class, prefix = '', depth = 0): Field[] {
  const byProperty = new Map<string, Set<string>>();
  for (const meta of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    const set = byProperty.get(meta.propertyName) ?? new Set<string>();
    set.add(meta.name ?? meta.type);
    set.add(meta.type);
    byProperty.set(meta.propertyName, set);
  }
  return [...byProperty.entries()].flatMap(([property, rules]) => {
    const path = `${prefix}${property}`;
    const nested = defaultMetadataStorage.findTypeMetadata(dto, property)?.typeFunction() as Class | undefined;
    const type: FieldType = rules.has('isArray')
      ? 'array'
      : rules.has('nestedValidation')
        ? 'object'
        : rules.has('isInt') || rules.has('isNumber')
          ? 'number'
          : rules.has('isBoolean')
            ? 'boolean'
            : 'string';
    const own = [{ path, type }];
    if (!nested || depth > 2) return own;
    return [...own, ...fieldsOf(nested, type === 'array' ? `${path}.0.` : `${path}.`, depth + 1)];
  });
}

/** Sets a value at a dotted path (numeric parts index arrays), copying what it passes through. */
export function withValue(base: unknown, path: string, value: unknown): unknown {
  const [head, ...rest] = path.split('.');
  const index = /^\d+$/.test(head!) ? Number(head) : undefined;
  const node = (index === undefined ? { ...(base as object) } : [...((base as unknown[]) ?? [])]) as Record<string, unknown>;
  node[head!] = rest.length ? withValue(node[head!] ?? (/^\d+$/.test(rest[0]!) ? [] : {}), rest.join('.'), value) : value;
  return node;
}

const HUGE = 'x'.repeat(200_000);

/** Values no field of its type may take. */
export function badValues(type: FieldType): Array<[string, unknown]> {
  const common: Array<[string, unknown]> = [['null', null]];
  const byType: Record<FieldType, Array<[string, unknown]>> = {
    string: [
      ['wrong type', 12345],
      ['NUL byte', 'a\u0000b'],
      ['huge string', HUGE],
      ['object', { $gt: '' }],
      ['list', ['a']],
    ],
    number: [
      ['wrong type', '12'],
      ['negative', -1],
      ['huge', 1e300],
      ['beyond 32 bits', 2 ** 31],
      ['fraction', 1.5],
      ['NUL byte', '\u0000'],
    ],
    boolean: [
      ['wrong type', 'yes'],
      ['number', 1],
      ['NUL byte', 'true\u0000'],
    ],
    array: [
      ['wrong type', 'not a list'],
      ['NUL byte', ['a\u0000']],
      ['huge list', Array.from({ length: 20_000 }, (_, i) => `x${i}`)],
      ['list of numbers', [1, 2]],
      ['object', { 0: 'a' }],
    ],
    object: [
      ['wrong type', 'not an object'],
      ['list', [{}]],
      ['number', 7],
    ],
  };
  return [...common, ...byType[type]];
}

/** Query values no parameter may take (each query value is a string; a list means it was given twice). */
export function badQueryValues(name: string): Array<[string, string | string[]]> {
  const numeric = name === 'limit';
  return [
    ['given twice', ['a', 'b']],
    ['NUL byte', 'a\u0000b'],
    ['URL too long', 'x'.repeat(9_000)],
    ...(numeric
      ? ([
          ['negative', '-1'],
          ['huge', '1e300'],
          ['fraction', '1.5'],
          ['not a number', 'ten'],
        ] as Array<[string, string]>)
      : (
          [['forged cursor', name === 'cursor' ? Buffer.from('{"at":"-271821-04-20T00:00:00.000Z"}').toString('base64url') : '']] as Array<
            [string, string]
          >
        ).filter(([, v]) => v)),
  ];
}

/** Path parameter values no route takes. */
export function badPathValues(): Array<[string, string]> {
  return [
    ['forged uuid', randomUUID()],
    ['not a uuid', 'not-a-uuid'],
    ['NUL byte', 'a%00b'],
    ['number', '-1'],
    ['traversal', '..%2F..%2Fetc%2Fpasswd'],
    ['URL too long', 'x'.repeat(9_000)],
    ['SQL', "1'%20OR%20'1'='1"],
  ];
}
