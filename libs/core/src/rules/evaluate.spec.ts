import { EventType } from '../events';
import { JsonObject } from '../json';
import { KindCatalog } from '../kinds';
import { asString, defineTestKind, refAt } from '../kinds/test-kinds';
import { ResourceBody } from '../resources';
import { ChangeRule, SnapshotChange } from './change-rule';
import { evaluateRules } from './evaluate';

const catalog = new KindCatalog([
  defineTestKind({
    kind: 'src',
    label: 'source',
    naturalKey: (body) => asString(body.name),
    labels: (body) => ((body.labels as string[] | undefined) ?? []).slice(),
  }),
  defineTestKind({
    kind: 'dest',
    label: 'destination',
    enabledPointer: '/enabled',
    naturalKey: (body, ctx) => `${ctx.ref('src', asString(body.sourceId)) ?? '?'} / ${asString(body.name)}`,
    references: (body) => refAt(body, 'sourceId', 'src'),
  }),
  defineTestKind({ kind: 'plan', label: 'tracking plan', naturalKey: (body) => asString(body.name) }),
  defineTestKind({
    kind: 'plan-rule',
    label: 'rule',
    parent: { kind: 'plan' },
    naturalKey: (body, ctx) => `${ctx.ref('plan', asString(body.planId)) ?? '?'} / ${asString(body.key)}`,
    references: (body) => refAt(body, 'planId', 'plan'),
  }),
]);

const dest = (id: string, enabled = true, sourceId = 's1'): ResourceBody => ({ kind: 'dest', id, body: { name: id, sourceId, enabled } });
const planRule = (id: string, planId = 'p1'): ResourceBody => ({ kind: 'plan-rule', id, body: { key: id, planId } });
const deleted = (r: ResourceBody): SnapshotChange => ({
  type: EventType.ResourceDeleted,
  kind: r.kind,
  resourceId: r.id,
  naturalKey: `nk:${r.id}`,
  before: r.body,
});
const created = (r: ResourceBody): SnapshotChange => ({
  type: EventType.ResourceCreated,
  kind: r.kind,
  resourceId: r.id,
  naturalKey: `nk:${r.id}`,
  after: r.body,
});
const updated = (before: ResourceBody, after: JsonObject): SnapshotChange => ({
  type: EventType.ResourceUpdated,
  kind: before.kind,
  resourceId: before.id,
  naturalKey: `nk:${before.id}`,
  before: before.body,
  after,
});

const rule = (type: ChangeRule['type'], params: ChangeRule['params']): ChangeRule => ({ id: 'r1', name: 'watch', type, params });
const prodSource: ResourceBody = { kind: 'src', id: 's1', body: { name: 'web', labels: ['env:prod'] } };
const devSource: ResourceBody = { kind: 'src', id: 's2', body: { name: 'dev', labels: ['env:dev'] } };
const input = (changes: SnapshotChange[], after: ResourceBody[] = [prodSource, devSource]) => ({ workspaceSlug: 'ws', changes, after });

describe('evaluateRules', () => {
  describe('deleted-or-disabled', () => {
    const moreThanTwo = rule('deleted-or-disabled', { kind: 'dest', threshold: 2 });

    it('fires when more than the threshold are deleted, naming each by natural key', () => {
      const fired = evaluateRules(catalog, input(['a', 'b', 'c'].map((id) => deleted(dest(id)))), [moreThanTwo]);
      expect(fired).toEqual([
        expect.objectContaining({ ruleId: 'r1', type: 'deleted-or-disabled', count: 3, resources: ['nk:a', 'nk:b', 'nk:c'] }),
      ]);
      expect(fired[0]!.summary).toBe('3 destinations deleted or disabled in one snapshot (more than 2)');
    });

    it('does not fire at the threshold itself', () => {
      expect(evaluateRules(catalog, input(['a', 'b'].map((id) => deleted(dest(id)))), [moreThanTwo])).toEqual([]);
    });

    it('counts a disabling (enabled true → false, where the catalog says) like a deletion', () => {
      const changes = [deleted(dest('a')), deleted(dest('b')), updated(dest('c'), dest('c', false).body)];
      expect(evaluateRules(catalog, input(changes), [moreThanTwo])[0]?.resources).toEqual(['nk:a', 'nk:b', 'nk:c']);
    });

    it('does not count an enabling, another update, or another kind', () => {
      const changes = [
        deleted(dest('a')),
        deleted(dest('b')),
        updated(dest('c', false), dest('c', true).body),
        updated(dest('d'), { ...dest('d').body, name: 'renamed' }),
        deleted(prodSource),
      ];
      expect(evaluateRules(catalog, input(changes), [moreThanTwo])).toEqual([]);
    });

    it('with threshold 0 fires on a single deletion', () => {
      expect(
        evaluateRules(catalog, input([deleted(dest('a'))]), [rule('deleted-or-disabled', { kind: 'dest', threshold: 0 })]),
      ).toHaveLength(1);
    });
  });

  describe('rules-lost', () => {
    const after = (count: number, planId = 'p1') => Array.from({ length: count }, (_, i) => planRule(`${planId}-keep${i}`, planId));
    const plan: ResourceBody = { kind: 'plan', id: 'p1', body: { name: 'Main plan' } };

    it('fires when a plan lost more than the percentage of its rules', () => {
      // 10 before, 3 deleted → 30 % lost
      const changes = ['x', 'y', 'z'].map((id) => deleted(planRule(id)));
      const fired = evaluateRules(catalog, input(changes, [plan, ...after(7)]), [rule('rules-lost', { kind: 'plan-rule', percent: 25 })]);
      expect(fired).toHaveLength(1);
      expect(fired[0]!.summary).toBe("tracking plan 'Main plan' lost 3 of its 10 rules (30 %) — more than 25 %");
      expect(fired[0]!.resources).toEqual(['nk:x', 'nk:y', 'nk:z']);
    });

    it('does not fire at exactly the percentage', () => {
      const changes = ['x', 'y', 'z'].map((id) => deleted(planRule(id)));
      expect(evaluateRules(catalog, input(changes, [plan, ...after(7)]), [rule('rules-lost', { kind: 'plan-rule', percent: 30 })])).toEqual(
        [],
      );
    });

    it('counts the net loss: a rule replaced by a new version is not lost', () => {
      const changes = [deleted(planRule('v1')), created(planRule('v2'))];
      const state = [plan, ...after(1), planRule('v2')];
      expect(evaluateRules(catalog, input(changes, state), [rule('rules-lost', { kind: 'plan-rule', percent: 0 })])).toEqual([]);
    });

    it('judges each plan by its own rules', () => {
      // p1 loses 1 of 10 (10 %), p2 loses 1 of 2 (50 %): only p2 is named
      const changes = [deleted(planRule('a', 'p1')), deleted(planRule('b', 'p2'))];
      const fired = evaluateRules(catalog, input(changes, [plan, ...after(9, 'p1'), ...after(1, 'p2')]), [
        rule('rules-lost', { kind: 'plan-rule', percent: 20 }),
      ]);
      expect(fired[0]!.summary).toContain("'p2' lost 1 of its 2 rules (50 %)");
      expect(fired[0]!.summary).not.toContain('Main plan');
      expect(fired[0]!.resources).toEqual(['nk:b']);
    });

    it('a plan deleted with all its rules lost 100 %', () => {
      const changes = [deleted(plan), deleted(planRule('a')), deleted(planRule('b'))];
      expect(evaluateRules(catalog, input(changes, []), [rule('rules-lost', { kind: 'plan-rule', percent: 99 })])[0]?.summary).toContain(
        "'Main plan' lost 2 of its 2 rules (100 %)",
      );
    });
  });

  describe('label-changed', () => {
    const prod = rule('label-changed', { label: 'env:prod' });

    it('fires on a change to a resource carrying the label itself', () => {
      const fired = evaluateRules(catalog, input([updated(prodSource, { ...prodSource.body, name: 'web2' })]), [prod]);
      expect(fired[0]).toEqual(expect.objectContaining({ count: 1, resources: ['source nk:s1 (updated)'] }));
    });

    it('fires on a resource that inherits the label through what it refers to (a destination of a prod source), even deleted', () => {
      expect(evaluateRules(catalog, input([deleted(dest('a', true, 's1'))]), [prod])[0]?.resources).toEqual(['destination nk:a (deleted)']);
    });

    it('fires when the label is removed (the body before carried it)', () => {
      expect(evaluateRules(catalog, input([updated(prodSource, { name: 'web', labels: [] })]), [prod])).toHaveLength(1);
    });

    it('does not fire on changes to resources without the label', () => {
      const changes = [updated(devSource, { ...devSource.body, name: 'x' }), created(dest('b', true, 's2'))];
      expect(evaluateRules(catalog, input(changes), [prod])).toEqual([]);
    });

    it('a bare key matches any value of it', () => {
      const changes = [created(dest('b', true, 's2'))];
      expect(evaluateRules(catalog, input(changes), [rule('label-changed', { label: 'env' })])).toHaveLength(1);
    });
  });

  it('an unchanged snapshot never fires, whatever the rules', () => {
    const rules = [
      rule('deleted-or-disabled', { kind: 'dest', threshold: 0 }),
      rule('rules-lost', { kind: 'plan-rule', percent: 0 }),
      rule('label-changed', { label: 'env' }),
    ];
    expect(evaluateRules(catalog, input([]), rules)).toEqual([]);
  });

  it('reports each rule that fires, in the order given', () => {
    const rules = [
      { ...rule('label-changed', { label: 'env:prod' }), id: 'first' },
      { ...rule('deleted-or-disabled', { kind: 'dest', threshold: 0 }), id: 'second' },
    ];
    expect(evaluateRules(catalog, input([deleted(dest('a'))]), rules).map((f) => f.ruleId)).toEqual(['first', 'second']);
  });
});
