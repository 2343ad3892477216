import { applyPatch, createPatch, Operation } from 'rfc6902';

export type PatchOperation = Operation;

/** RFC 6902 operations turning `before` into `after` (rfc6902's minimal diff, arrays by LCS). */
export function jsonPatch(before: unknown, after: unknown): PatchOperation[] {
  return createPatch(before, after);
}

/** Applies operations to a copy; throws when one does not apply. */
export function applyJsonPatch<T>(value: T, operations: PatchOperation[]): T {
  const copy = structuredClone(value);
  const results = applyPatch(copy, operations);
  const failed = results.find((r) => r !== null);
  if (failed) throw new Error(`patch does not apply: ${failed.message}`);
  return copy;
}
