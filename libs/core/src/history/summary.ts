import { isSecretMarker } from '../kinds';
import { getAt, isPlainObject, parsePointer } from '../json';
import { PatchOperation } from './json-patch';

/** `/settings/apiKey` → `settings.apiKey`; `/actions/0/type` → `actions[0].type`; `/labels/-` (an append) → `labels[+]`. */
export function fieldName(pointer: string): string {
  return parsePointer(pointer)
    .map((token, index) => (/^\d+$/.test(token) ? `[${token}]` : token === '-' ? '[+]' : index === 0 ? token : `.${token}`))
    .join('');
}

function shortValue(value: unknown): string {
  if (isSecretMarker(value)) return '(secret)';
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

const isScalar = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** One phrase per operation: "enabled true→false", "settings.apiKey changed (secret)". */
export function describeOperation(op: PatchOperation, before: unknown): string {
  const field = fieldName(op.path) || '(whole)';
  const old = op.op === 'add' ? undefined : getAt(before, op.path);
  switch (op.op) {
    case 'add':
      return `${field} added`;
    case 'remove':
      return `${field} removed`;
    case 'replace':
      if (isSecretMarker(old) || isSecretMarker(op.value)) return `${field} changed (secret)`;
      if (isScalar(old) && isScalar(op.value)) return `${field} ${shortValue(old)}→${shortValue(op.value)}`;
      return `${field} changed`;
    default:
      return `${field} ${op.op}`;
  }
}

/**
 * A one-line human summary of a resource change, e.g.
 * "destination 'Amplitude (web)': settings.apiKey changed (secret), enabled true→false".
 */
export function summarizeChange(
  label: string,
  name: string,
  status: 'created' | 'deleted' | 'changed' | 'same',
  ops: PatchOperation[],
  before?: unknown,
  max = 6,
): string {
  const subject = `${label} '${name}'`;
  if (status === 'created') return `${subject} created`;
  if (status === 'deleted') return `${subject} deleted`;
  if (!ops.length) return `${subject} unchanged`;
  // Changes deep inside one field read better grouped: "settings.x added" for each leaf is noise
  const phrases = [...new Set(ops.map((op) => describeOperation(op, before)))];
  const shown = phrases.slice(0, max).join(', ');
  return `${subject}: ${shown}${phrases.length > max ? `, and ${phrases.length - max} more` : ''}`;
}

/** Leaf pointers of a JSON value (arrays by index), with the value at each. */
export function leaves(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (node: unknown, path: string) => {
    if (isSecretMarker(node)) return out.set(path, node);
    if (Array.isArray(node)) {
      if (!node.length) return out.set(path, node);
      node.forEach((child, i) => walk(child, `${path}/${i}`));
      return;
    }
    if (isPlainObject(node)) {
      const keys = Object.keys(node);
      if (!keys.length) return out.set(path, node);
      keys.forEach((key) => walk(node[key], `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`));
      return;
    }
    out.set(path, node);
  };
  walk(value, prefix);
  return out;
}
