import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { FORBIDDEN_FIELD_KEYS, ValidationError } from '@app/core';

const NUL = '\u0000';

/** `a.b[0].c`: where a value sits in a request part, as error bodies name it. */
const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/** What is wrong with a request part, and where. */
export interface Hostile {
  field: string;
  message: string;
}

/**
 * The first NUL character (in a value or a key) or prototype key (`__proto__`, `constructor`,
 * `prototype`) of a request part. Iterative: depth cannot overflow the stack.
 */
export function findHostile(value: unknown, root = ''): Hostile | undefined {
  const pending: Array<[unknown, string]> = [[value, root]];
  while (pending.length) {
    const [node, path] = pending.pop()!;
    if (typeof node === 'string') {
      if (node.includes(NUL)) return { field: path || 'body', message: `${path || 'body'} must not contain a NUL character (\\u0000)` };
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => pending.push([item, join(path, i)]));
    } else if (node !== null && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) {
        const field = join(path, key.replaceAll(NUL, '\\u0000'));
        if (key.includes(NUL)) return { field, message: `${field} must not contain a NUL character (\\u0000)` };
        if (FORBIDDEN_FIELD_KEYS.includes(key)) return { field, message: `${field} is not a field any request takes` };
        pending.push([item, join(path, key)]);
      }
    }
  }
  return undefined;
}

/** The field path of the first NUL character, if any (kept for callers that only ask about NUL). */
export const findNul = (value: unknown, root = ''): string | undefined => {
  const found = findHostile(value, root);
  return found?.message.includes('NUL') ? found.field : undefined;
};

/**
 * Runs before validation on every body, query and path parameter: a NUL character (Postgres
 * cannot store one in text: it would be a 500 later) or a prototype key (`__proto__`,
 * `constructor`, `prototype`, which the validators would silently drop) is a 400 naming the field.
 */
export class SafeInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const found = findHostile(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
    if (found) throw new ValidationError(found.field, found.message);
    return value;
  }
}
