import { KindCatalog } from '../kinds';
import { decideInScope } from './decide';
import { dependOnMovedReferences, planDeletes } from './deletes';
import { finishPlan } from './finish';
import { matchResources } from './match';
import { createPlanContext } from './plan-context';
import { selectInitialScope } from './initial-scope';
import { PlanOptions, PlanResult } from './types';
import { WorkspaceState } from '../resources';

/**
 * Computes the steps that turn a live workspace into a source state: the engine behind restore
 * (source = the same workspace at an earlier version) and copy (source = another workspace).
 * Resources are matched by mapping, then id (restore), then natural key; references are
 * rewritten to the target's ids, or to the step that will create their target; create-only
 * changes become replaces that take what hangs off the resource along; deletes happen only when
 * allowed. Pure: both states are given, nothing is read or written.
 *
 * The phases share one PlanContext, each filling in its part: match.ts, initial-scope.ts,
 * decide.ts (with desired.ts and write-steps.ts), deletes.ts, finish.ts.
 */
export function planChanges(catalog: KindCatalog, source: WorkspaceState, live: WorkspaceState, options: PlanOptions): PlanResult {
  const context = createPlanContext(catalog, source, live, options);
  matchResources(context);
  selectInitialScope(context);
  decideInScope(context);
  planDeletes(context);
  dependOnMovedReferences(context);
  return finishPlan(context);
}
