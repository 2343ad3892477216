import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { ValidationError } from '@app/core';

const NUL = '\u0000';

/** `a.b[0].c`: where a value sits in a request part, as error bodies name it. */
const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/** The path of the first string (value or key) holding a NUL character, if any. Iterative: depth cannot overflow the stack. */
export function findNul(value: unknown, root = ''): string | undefined {
  const pending: Array<[unknown, string]> = [[value, root]];
  while (pending.length) {
    const [node, path] = pending.pop()!;
    if (typeof node === 'string') {
      if (node.includes(NUL)) return path;
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => pending.push([item, join(path, i)]));
    } else if (node !== null && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) {
        if (key.includes(NUL)) return join(path, key.replaceAll(NUL, '\\u0000'));
        pending.push([item, join(path, key)]);
      }
    }
  }
  return undefined;
}

/**
 * Refuses a NUL character anywhere in a body, query or path parameter, with a 400 naming the field
 * (Postgres cannot store one in text: it would be a 500 later, and is never meant).
 */
export class NoNulPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const field = findNul(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
    if (field !== undefined) {
      const name = field || metadata.type;
      throw new ValidationError(name, `${name} must not contain a NUL character (\\u0000)`);
    }
    return value;
  }
}
