import { resourceKey } from '../kinds';
import { contentHash } from '../json';
import { dependOnMovedReferences, planDeletes } from './deletes';
import { PlanContext } from './plan-context';
import { decidedContext, destination, filter, item, label, source, stepSummary, TestItem } from './test-plan-catalog';
import { PlanOptions } from './types';

/** A context after every phase up to the deletes; `before` runs just before planDeletes. */
function planned(
  sourceItems: TestItem[],
  liveItems: TestItem[],
  options: Partial<PlanOptions> = {},
  before: (context: PlanContext) => void = () => {},
): PlanContext {
  const context = decidedContext(sourceItems, liveItems, options);
  before(context);
  planDeletes(context);
  return context;
}

const web = source('src_web', 'web');
const gone = source('src_gone', 'gone');
const goneDestination = destination('d_gone', 'src_gone', 'Mixpanel');
const goneFilter = filter('f_gone', 'd_gone', 'Old filter');
const goneState = [web, gone, goneDestination, goneFilter];

describe('planDeletes', () => {
  it('keeps what the source lacks without allowDelete, children first', () => {
    const context = planned([web], goneState);
    expect(context.steps).toEqual([]);
    expect(context.kept).toEqual([
      { kind: 'filter', naturalKey: 'gone / Mixpanel / Old filter', id: 'f_gone' },
      { kind: 'destination', naturalKey: 'gone / Mixpanel', id: 'd_gone' },
      { kind: 'source', naturalKey: 'gone', id: 'src_gone' },
    ]);
  });

  it('keeps children before parents whatever their names', () => {
    const zeta = source('src_zeta', 'zeta');
    const alpha = destination('d_alpha', 'src_web', 'Alpha');
    expect(planned([web], [alpha, web, zeta]).kept.map((k) => k.id)).toEqual(['d_alpha', 'src_zeta']);
  });

  it('deletes with allowDelete, children first, none for what goes with a deleted resource', () => {
    const context = planned([web], goneState, { allowDelete: true });
    expect(stepSummary(context.steps)).toEqual(['delete destination gone / Mixpanel', 'delete source gone']);
    expect(context.steps[0]).toEqual({
      index: 1,
      action: 'delete',
      kind: 'destination',
      naturalKey: 'gone / Mixpanel',
      displayName: 'Mixpanel',
      liveId: 'd_gone',
      before: goneDestination.body,
      beforeHash: contentHash(goneDestination.body),
      pending: [],
      dependsOn: [],
      reason: 'not in the version restored',
      secretsMissing: [],
      secretsSupplied: [],
    });
    expect(context.kept).toEqual([]);
    expect([...context.deletedLive].sort()).toEqual(
      [resourceKey('destination', 'd_gone'), resourceKey('filter', 'f_gone'), resourceKey('source', 'src_gone')].sort(),
    );
  });

  it('deletes in a copy only what the mapping says came from the source, unless deleteUnmapped', () => {
    const live = [source('p_web', 'web'), source('p_old', 'old'), source('p_other', 'other')];
    const mappings = new Map([[resourceKey('source', 's_removed'), 'p_old']]);
    const mapped = planned([source('s_web', 'web')], live, { mode: 'copy', allowDelete: true, mappings });
    expect(stepSummary(mapped.steps)).toEqual(['delete source old']);
    expect(mapped.steps[0]!.reason).toBe('not in the source workspace');
    expect(mapped.kept).toEqual([{ kind: 'source', naturalKey: 'other', id: 'p_other' }]);
    const all = planned([source('s_web', 'web')], live, { mode: 'copy', allowDelete: true, deleteUnmapped: true, mappings });
    expect(stepSummary(all.steps)).toEqual(['delete source other', 'delete source old']);
  });

  it('deletes what a replace takes along, allowed or not, in scope or not', () => {
    const context = planned([web], goneState, { scope: { kinds: ['source'] } }, (c) =>
      c.cascade.set(resourceKey('destination', 'd_gone'), "source 'gone', which it refers to, is replaced"),
    );
    expect(stepSummary(context.steps)).toEqual(['delete destination gone / Mixpanel']);
    expect(context.steps[0]!.reason).toBe("removed: source 'gone', which it refers to, is replaced");
    // the source is in scope and kept; the filter is out of scope (a filter is no source): neither
    expect(context.kept).toEqual([{ kind: 'source', naturalKey: 'gone', id: 'src_gone' }]);
  });

  it('neither deletes nor keeps a live-only child of a replaced resource: Segment deletes it along', () => {
    const moved = destination('d_amp', 'src_ios', 'Amplitude');
    const ios = source('src_ios', 'ios');
    const stray = filter('f_stray', 'd_amp', 'Stray');
    const context = planned([web, ios, moved], [web, ios, destination('d_amp', 'src_web', 'Amplitude'), stray]);
    expect(stepSummary(context.steps)).toEqual(['delete destination web / Amplitude', 'create destination ios / Amplitude']);
    expect(context.kept).toEqual([]);
  });

  it("puts a kind whose absence is Segment's defaults back to them when its parent is part of the source", () => {
    const schema = (id: string, sourceId: string) => item('schema-settings', id, { sourceId, forwarding: true });
    const context = planned([web], [web, schema('sch_web', 'src_web')]);
    expect(stepSummary(context.steps)).toEqual(['delete schema-settings web / schema']);
    expect(context.steps[0]!.reason).toBe("back to Segment's defaults");
    const orphan = planned([web], [web, source('src_ios', 'ios'), schema('sch_ios', 'src_ios')]);
    expect(orphan.steps).toEqual([]);
    expect(orphan.kept.map((k) => k.id)).toEqual(['sch_ios', 'src_ios']);
  });

  it('leaves alone what the scope does not cover', () => {
    const extra = destination('d_extra', 'src_web', 'Braze');
    const selected = planned([web], [web, extra, gone], { allowDelete: true, scope: { ids: ['src_gone'] } });
    expect(stepSummary(selected.steps)).toEqual(['delete source gone']);
    expect(selected.kept).toEqual([]);
    const excluded = planned([web], [web, extra, gone], { allowDelete: true, scope: { exclude: { kinds: ['destination'] } } });
    expect(stepSummary(excluded.steps)).toEqual(['delete source gone']);
    expect(excluded.kept).toEqual([]);
  });

  it('never deletes nor keeps a read-only resource or a kind the target cannot hold', () => {
    const context = planned([web], [web, item('workspace', 'ws', { slug: 'prod' }), goneDestination], {
      allowDelete: true,
      unavailableKinds: new Map([['destination', 'it lacks the feature']]),
    });
    expect(context.steps).toEqual([]);
    expect(context.kept).toEqual([]);
  });
});

describe('dependOnMovedReferences', () => {
  it('makes a delete wait for the deletes of everything that refers to it', () => {
    const second = destination('d_gone2', 'src_gone', 'Braze');
    const context = planned([web], [web, gone, goneDestination, second], { allowDelete: true });
    expect(stepSummary(context.steps)).toEqual([
      'delete destination gone / Mixpanel',
      'delete destination gone / Braze',
      'delete source gone',
    ]);
    expect(context.steps[2]!.dependsOn).toEqual([]);
    dependOnMovedReferences(context);
    expect(context.steps.map((s) => s.dependsOn)).toEqual([[], [], [1, 2]]);
    // once only, however often it runs
    dependOnMovedReferences(context);
    expect(context.steps[2]!.dependsOn).toEqual([1, 2]);
  });

  it('makes a delete wait for the update that moves a reference off it', () => {
    const movedOff = source('src_web', 'web', { labels: ['env:new'] });
    const live = [label('env', 'old'), label('env', 'new'), source('src_web', 'web', { labels: ['env:old'] })];
    const context = planned([label('env', 'new'), movedOff], live, { allowDelete: true });
    expect(stepSummary(context.steps)).toEqual(['update source web', 'delete label env:old']);
    dependOnMovedReferences(context);
    expect(context.steps.map((s) => s.dependsOn)).toEqual([[], [1]]);
  });
});
