import { IllegalStateError, isPlainObject, JsonObject, PatchOperation, PendingReference, BatchItem } from '@app/core';
import { Plan, PlanStep, Prisma } from '../generated/prisma/client';
import {
  PLAN_STATUSES,
  PLAN_TYPES,
  PlanChange,
  PlanConflict,
  PlanOptionsRecord,
  PlanProgress,
  PlanRecord,
  PlanReport,
  PlanStepRecord,
  PlanSummary,
  STEP_ACTIONS,
  STEP_STATUSES,
  StepOutcomeChange,
  StepResult,
} from './plan.records';

/*
 * Plan rows ↔ plan records. The JSON columns are written only by us, so reading them checks the
 * shape lightly (enough to catch a row from an older layout or a hand edit) and throws an
 * IllegalStateError naming the column rather than letting a wrong shape travel on.
 */

type Guard<T> = (value: unknown) => value is T;

const isObject = isPlainObject;
const isJsonObject = (value: unknown): value is JsonObject => isPlainObject(value);
const isArrayOf =
  <T>(guard: Guard<T>): Guard<T[]> =>
  (value): value is T[] =>
    Array.isArray(value) && value.every(guard);
const isOneOf =
  <T extends string>(values: readonly T[]): Guard<T> =>
  (value): value is T =>
    typeof value === 'string' && (values as readonly string[]).includes(value);

const isPending: Guard<PendingReference> = (value): value is PendingReference =>
  isObject(value) && typeof value.pointer === 'string' && Number.isInteger(value.step);
const isBatchItem: Guard<BatchItem> = (value): value is BatchItem =>
  isObject(value) && typeof value.naturalKey === 'string' && isArrayOf(isPending)(value.pending);
const isPatchOperation: Guard<PatchOperation> = (value): value is PatchOperation =>
  isObject(value) && typeof value.op === 'string' && typeof value.path === 'string';
const isStepResult: Guard<StepResult> = (value): value is StepResult =>
  isObject(value) && (value.identity === undefined || isObject(value.identity)) && (value.ids === undefined || Array.isArray(value.ids));
const isOptions: Guard<PlanOptionsRecord> = (value): value is PlanOptionsRecord =>
  isObject(value) && (value.substitutions === undefined || Array.isArray(value.substitutions));
const isSummary: Guard<PlanSummary> = (value): value is PlanSummary =>
  isObject(value) && isObject(value.totals) && Array.isArray(value.gaps);
const isConflict: Guard<PlanConflict> = (value): value is PlanConflict =>
  isObject(value) && Number.isInteger(value.step) && typeof value.message === 'string';
const isReport: Guard<PlanReport> = (value): value is PlanReport =>
  isObject(value) && typeof value.verified === 'boolean' && Array.isArray(value.failed);
const isProgress: Guard<PlanProgress> = (value): value is PlanProgress => isObject(value) && typeof value.total === 'number';

function read<T>(value: unknown, guard: Guard<T>, column: string, row: string): T {
  if (!guard(value)) throw new IllegalStateError(`${row} has a malformed ${column}`, { column });
  return value;
}
const readNullable = <T>(value: unknown, guard: Guard<T>, column: string, row: string): T | null =>
  value === null ? null : read(value, guard, column, row);

export function planFromRow(row: Plan): PlanRecord {
  const at = `plan ${row.id}`;
  return {
    ...row,
    type: read(row.type, isOneOf(PLAN_TYPES), 'type', at),
    status: read(row.status, isOneOf(PLAN_STATUSES), 'status', at),
    options: read(row.options, isOptions, 'options', at),
    summary: readNullable(row.summary, isSummary, 'summary', at),
    conflicts: readNullable(row.conflicts, isArrayOf(isConflict), 'conflicts', at),
    report: readNullable(row.report, isReport, 'report', at),
    progress: readNullable(row.progress, isProgress, 'progress', at),
  };
}

export function stepFromRow(row: PlanStep): PlanStepRecord {
  const at = `step ${row.position} of plan ${row.planId}`;
  return {
    ...row,
    action: read(row.action, isOneOf(STEP_ACTIONS), 'action', at),
    status: read(row.status, isOneOf(STEP_STATUSES), 'status', at),
    before: readNullable(row.before, isJsonObject, 'before', at),
    after: readNullable(row.after, isJsonObject, 'after', at),
    pending: read(row.pending, isArrayOf(isPending), 'pending', at),
    items: readNullable(row.items, isArrayOf(isBatchItem), 'items', at),
    ops: readNullable(row.ops, isArrayOf(isPatchOperation), 'ops', at),
    result: readNullable(row.result, isStepResult, 'result', at),
  };
}

/** A JSON column's value: our records are plain JSON data, which Prisma's input type cannot see by itself. */
export const jsonColumn = (value: object): Prisma.InputJsonValue => value as Prisma.InputJsonValue;

export function planChangeData(change: PlanChange): Prisma.PlanUpdateManyMutationInput {
  const { conflicts, report, progress, ...scalars } = change;
  return {
    ...scalars,
    ...(conflicts === undefined ? {} : { conflicts: jsonColumn(conflicts) }),
    ...(report === undefined ? {} : { report: jsonColumn(report) }),
    ...(progress === undefined ? {} : { progress: jsonColumn(progress) }),
  };
}

export function stepOutcomeData(outcome: StepOutcomeChange): Prisma.PlanStepUpdateInput {
  const settled = outcome.status === 'done' || outcome.status === 'failed' || outcome.status === 'blocked';
  return {
    status: outcome.status,
    resultId: outcome.resultId ?? undefined,
    result: outcome.result === undefined ? undefined : jsonColumn(outcome.result),
    error: outcome.error ?? null,
    requests: outcome.requests === undefined ? undefined : { increment: outcome.requests },
    finishedAt: settled ? new Date() : null,
  };
}
