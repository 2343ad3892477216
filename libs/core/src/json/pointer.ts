import { isPlainObject } from './canonical';

/** RFC 6901 JSON Pointers, for the concrete places a reference or a secret sits in a body. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`not a JSON pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function toPointer(tokens: Array<string | number>): string {
  return tokens.map((t) => '/' + String(t).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function getAt(value: unknown, pointer: string): unknown {
  let node: unknown = value;
  for (const token of parsePointer(pointer)) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isPlainObject(node)) node = node[token];
    else return undefined;
  }
  return node;
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function checkWritable(tokens: string[], pointer: string): void {
  if (tokens.some((t) => FORBIDDEN.has(t))) throw new Error(`refusing to write through '${pointer}'`);
}

/** Sets a value in place; intermediate objects must exist. */
export function setAt(value: unknown, pointer: string, next: unknown): void {
  const tokens = parsePointer(pointer);
  checkWritable(tokens, pointer);
  const last = tokens.pop();
  if (last === undefined) throw new Error('cannot set the root');
  const parent = getAt(value, toPointer(tokens));
  if (Array.isArray(parent)) parent[Number(last)] = next;
  else if (isPlainObject(parent)) parent[last] = next;
  else throw new Error(`no container at ${toPointer(tokens)}`);
}

export function deleteAt(value: unknown, pointer: string): void {
  const tokens = parsePointer(pointer);
  checkWritable(tokens, pointer);
  const last = tokens.pop();
  if (last === undefined) return;
  const parent = getAt(value, toPointer(tokens));
  if (isPlainObject(parent)) delete parent[last];
}

/**
 * A copy of `value` with each pointer set to its value, or removed when the value is
 * `undefined`. Only the containers on the way to a change are copied; everything else is shared
 * with `value` (which is never modified), so rewriting a few fields of a large body is cheap.
 * Pointers to missing containers are skipped.
 */
export function withChanges<T>(value: T, changes: ReadonlyArray<readonly [pointer: string, next: unknown]>): T {
  if (!changes.length || value === null || typeof value !== 'object') return value;
  const copies = new Set<object>();
  const copy = (node: object): Record<string, unknown> => {
    const out = (Array.isArray(node) ? [...node] : { ...node }) as Record<string, unknown>;
    copies.add(out);
    return out;
  };
  const root = copy(value as object);
  for (const [pointer, next] of changes) {
    const tokens = parsePointer(pointer);
    checkWritable(tokens, pointer);
    const last = tokens.pop();
    if (last === undefined) continue;
    let node: Record<string, unknown> | undefined = root;
    for (const token of tokens) {
      const child: unknown = node[token];
      if (child === null || typeof child !== 'object') {
        node = undefined;
        break;
      }
      const writable: Record<string, unknown> = copies.has(child) ? (child as Record<string, unknown>) : copy(child);
      node[token] = writable;
      node = writable;
    }
    if (!node) continue;
    if (next === undefined) {
      if (Array.isArray(node)) continue;
      delete node[last];
    } else node[last] = next;
  }
  return root as T;
}

/**
 * Expands a pattern with `*` for "every key or index" into the concrete pointers present in a
 * value, e.g. `/permissions/*\/resources/*\/id`.
 */
export function expandPattern(value: unknown, pattern: string): string[] {
  const tokens = parsePointer(pattern);
  const out: string[] = [];
  const walk = (node: unknown, index: number, path: Array<string | number>) => {
    if (index === tokens.length) {
      if (node !== undefined) out.push(toPointer(path));
      return;
    }
    const token = tokens[index]!;
    if (token === '*') {
      if (Array.isArray(node)) node.forEach((child, i) => walk(child, index + 1, [...path, i]));
      else if (isPlainObject(node)) Object.entries(node).forEach(([key, child]) => walk(child, index + 1, [...path, key]));
      return;
    }
    if (Array.isArray(node)) walk(node[Number(token)], index + 1, [...path, token]);
    else if (isPlainObject(node)) walk(node[token], index + 1, [...path, token]);
  };
  walk(value, 0, []);
  return out;
}
