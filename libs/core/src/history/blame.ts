import { canonicalJson } from '../json';
import { leaves } from './summary';

export interface BodyVersion {
  version: number;
  observedAt: Date | string;
  cause: string;
  causeId?: string | null;
  /** null for a deletion. */
  body: unknown;
}

export interface FieldBlame {
  version: number;
  observedAt: Date | string;
  cause: string;
  causeId?: string | null;
}

/**
 * For each field (leaf JSON Pointer) of a resource's latest body, the version that last changed
 * its value. After a deletion and re-creation, fields are blamed on the re-creation.
 */
export function blame(history: BodyVersion[]): Record<string, FieldBlame> {
  let current = new Map<string, { value: string; since: FieldBlame }>();
  for (const entry of history) {
    if (entry.body === null) {
      current = new Map();
      continue;
    }
    const stamp: FieldBlame = { version: entry.version, observedAt: entry.observedAt, cause: entry.cause, causeId: entry.causeId ?? null };
    const next = new Map<string, { value: string; since: FieldBlame }>();
    for (const [pointer, value] of leaves(entry.body)) {
      const text = canonicalJson(value);
      const previous = current.get(pointer);
      next.set(pointer, previous && previous.value === text ? previous : { value: text, since: stamp });
    }
    current = next;
  }
  return Object.fromEntries([...current].sort(([a], [b]) => a.localeCompare(b)).map(([pointer, { since }]) => [pointer, since]));
}
