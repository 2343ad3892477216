import { IllegalStateError } from '@app/core';
import type { Plan, PlanStep } from '../generated/prisma/client';
import { planChangeData, planFromRow, stepFromRow, stepOutcomeData } from './plan-row.mapper';

const planRow = (overrides: Partial<Plan> = {}): Plan => ({
  id: 'p1',
  type: 'copy',
  status: 'ready',
  targetWorkspaceId: 't',
  sourceWorkspaceId: 's',
  sourceVersion: 3,
  sourceRequested: '3',
  liveVersion: 7,
  preApplyVersion: null,
  verifyVersion: null,
  dryRun: false,
  options: { allowDelete: true, substitutions: [{ match: 'staging', replace: 'production' }] },
  secretsCiphertext: null,
  secretsKeyId: null,
  summary: { totals: { create: 1 }, gaps: [], secretsNeeded: [], invites: [], pulledIn: [], kept: [] },
  conflicts: null,
  report: null,
  progress: { total: 2, done: 1 },
  error: null,
  requestedBy: null,
  approvedBy: null,
  createdAt: new Date('2024-01-01T00:00:00Z'),
  plannedAt: null,
  approvedAt: null,
  applyStartedAt: null,
  finishedAt: null,
  ...overrides,
});

const stepRow = (overrides: Partial<PlanStep> = {}): PlanStep => ({
  planId: 'p1',
  position: 2,
  action: 'create',
  kind: 'destination',
  naturalKey: 'web/Amplitude',
  displayName: 'Amplitude',
  originId: 'd1',
  liveId: null,
  before: null,
  beforeHash: null,
  after: { name: 'Amplitude', sourceId: '$new:1' },
  pending: [{ pointer: '/sourceId', step: 1 }],
  items: null,
  ops: null,
  dependsOn: [1],
  reason: 'missing in the target',
  replace: false,
  secretsMissing: [],
  secretsSupplied: [],
  status: 'done',
  attempts: 1,
  resultId: 'd9',
  result: { identity: { catalogId: 'c1' } },
  error: null,
  requests: 1,
  startedAt: null,
  finishedAt: null,
  ...overrides,
});

describe('planFromRow', () => {
  it('gives the JSON columns their types, values untouched', () => {
    const plan = planFromRow(planRow());
    expect(plan.options.substitutions).toEqual([{ match: 'staging', replace: 'production' }]);
    expect(plan.summary?.totals).toEqual({ create: 1 });
    expect(plan.progress).toEqual({ total: 2, done: 1 });
    expect(plan.conflicts).toBeNull();
    expect(plan.report).toBeNull();
    expect(plan.createdAt).toEqual(new Date('2024-01-01T00:00:00Z'));
  });

  it('refuses a row whose JSON does not have the shape the product writes, naming the column', () => {
    const cases: Array<[Partial<Plan>, string]> = [
      [{ options: [] }, 'options'],
      [{ summary: { totals: {} } }, 'summary'],
      [{ conflicts: [{ step: 'one', message: 'x' }] }, 'conflicts'],
      [{ report: { verified: 'yes', failed: [] } }, 'report'],
      [{ progress: { done: 1 } }, 'progress'],
      [{ status: 'half-done' }, 'status'],
      [{ type: 'merge' }, 'type'],
    ];
    for (const [overrides, column] of cases) {
      const error = (() => {
        try {
          planFromRow(planRow(overrides));
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(IllegalStateError);
      expect((error as Error).message).toBe(`plan p1 has a malformed ${column}`);
    }
  });
});

describe('stepFromRow', () => {
  it('gives the step its pending references, body and result as types', () => {
    const step = stepFromRow(stepRow());
    expect(step.pending).toEqual([{ pointer: '/sourceId', step: 1 }]);
    expect(step.after).toEqual({ name: 'Amplitude', sourceId: '$new:1' });
    expect(step.result?.identity).toEqual({ catalogId: 'c1' });
  });

  it('reads batch items with their own pending references', () => {
    const items = [{ naturalKey: 'tp/rule', pending: [{ pointer: '/x', step: 0, by: 'catalogId' }], after: { key: 'rule' } }];
    expect(stepFromRow(stepRow({ action: 'upsert-batch', items })).items).toEqual(items);
  });

  it('refuses malformed pending references, items, operations and bodies', () => {
    const cases: Array<[Partial<PlanStep>, string]> = [
      [{ pending: [{ pointer: '/sourceId' }] }, 'pending'],
      [{ pending: null }, 'pending'],
      [{ items: [{ naturalKey: 'x' }] }, 'items'],
      [{ ops: [{ path: '/name' }] }, 'ops'],
      [{ after: ['not', 'an', 'object'] }, 'after'],
      [{ result: 'd9' }, 'result'],
      [{ action: 'rename' }, 'action'],
    ];
    for (const [overrides, column] of cases)
      expect(() => stepFromRow(stepRow(overrides))).toThrow(`step 2 of plan p1 has a malformed ${column}`);
  });
});

describe('planChangeData and stepOutcomeData', () => {
  it('write the typed fields as JSON columns and leave unset ones out', () => {
    const at = new Date();
    expect(planChangeData({ preApplyVersion: 4, finishedAt: at, progress: { total: 3, done: 3 } })).toEqual({
      preApplyVersion: 4,
      finishedAt: at,
      progress: { total: 3, done: 3 },
    });
    expect(planChangeData({})).toEqual({});
  });

  it('a settled step gets its finish time, a running one loses it', () => {
    expect(stepOutcomeData({ status: 'done', resultId: 'x', requests: 2 })).toMatchObject({
      status: 'done',
      resultId: 'x',
      error: null,
      requests: { increment: 2 },
      finishedAt: expect.any(Date),
    });
    expect(stepOutcomeData({ status: 'running', error: 'outcome unknown' })).toMatchObject({ finishedAt: null, error: 'outcome unknown' });
  });
});
