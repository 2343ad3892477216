import { SuppliedSecret } from './types';

/** Keys a secret's field may never name: setting them would reach an object's prototype. */
export const FORBIDDEN_FIELD_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** The keys a field names (`settings.apiKey` or `/settings/apiKey`), JSON Pointer escapes undone. */
const fieldKeys = (field: string): string[] =>
  field.startsWith('/')
    ? field
        .slice(1)
        .split('/')
        .map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'))
    : field.split('.');

/** True when a secret's field names `__proto__`, `constructor` or `prototype` anywhere along its path. */
export const fieldReachesPrototype = (field: string): boolean => fieldKeys(field).some((key) => FORBIDDEN_FIELD_KEYS.includes(key));

/** A supplied secret that names no resource of the state a plan is made from. */
export interface UnmatchedSecret {
  field: string;
  message: string;
}

/**
 * The secrets naming a resource (by id or natural key, of their kind) that the source state does
 * not hold: the value would silently go nowhere, so the request (or the plan) is refused instead.
 */
export function unmatchedSecrets(
  secrets: readonly SuppliedSecret[],
  resources: Iterable<{ kind: string; id: string; naturalKey: string }>,
): UnmatchedSecret[] {
  if (!secrets.length) return [];
  const known = new Set<string>();
  for (const r of resources) {
    known.add(`${r.kind}\u0000${r.id}`);
    known.add(`${r.kind}\u0000${r.naturalKey}`);
  }
  return secrets.flatMap((secret, i) =>
    known.has(`${secret.kind}\u0000${secret.resource}`)
      ? []
      : [
          {
            field: `secrets[${i}].resource`,
            message: `secrets[${i}].resource names no ${secret.kind} of the state restored or copied: '${secret.resource}'`,
          },
        ],
  );
}
