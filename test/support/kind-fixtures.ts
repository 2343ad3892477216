import { NaturalKeyContext } from '@app/core';

/** What Segment shows in place of a secret setting. */
export const MASK = '••••••••••';

/** The context a kind's natural key is computed in, for a workspace named `staging`. */
export const ctx = { workspaceSlug: 'staging' };

/** A natural-key context whose references resolve through `table` (`kind:value` or `kind:by=value`). */
export const keys = (table: Record<string, string>): NaturalKeyContext => ({
  workspaceSlug: 'staging',
  ref: (kind, value, by) => table[`${kind}:${by ? `${by}=` : ''}${value}`],
});
