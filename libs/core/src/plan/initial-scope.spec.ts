import { KindCatalog } from '../kinds';
import { asString, defineTestKind, refAt } from '../kinds/test-kinds';
import { JsonObject } from '../json';
import { selectInitialScope } from './initial-scope';
import { PlanContext } from './plan-context';
import { destination, filter, item, label, source, testContext, TestItem } from './test-plan-catalog';
import { Scope } from './types';

/** The ids in scope after the selection, sorted. */
function selected(context: PlanContext): string[] {
  selectInitialScope(context);
  return [...context.inScope].map((key) => context.source.byKey.get(key)!.id).sort();
}

const web = source('src_web', 'web', { labels: ['env:prod'] });
const ios = source('src_ios', 'ios');
const schema = item('schema-settings', 'sch_web', { sourceId: 'src_web', forwarding: true });
const amplitude = destination('d_amp', 'src_web', 'Amplitude');
const mixpanel = destination('d_mix', 'src_ios', 'Mixpanel');
const dropTest = filter('f_drop', 'd_amp', 'Drop test');
const sample = filter('f_sample', 'd_amp', 'Sample');
const mixFilter = filter('f_mix', 'd_mix', 'Mix filter');
const state = [label('env', 'prod'), web, ios, schema, amplitude, mixpanel, dropTest, sample, mixFilter];
const inScope = (scope: Scope, items: TestItem[] = state) => selected(testContext(items, [], { scope }));

describe('selectInitialScope', () => {
  it('takes everything without a scope', () => {
    expect(inScope({})).toEqual(state.map((i) => i.id).sort());
  });

  it('takes everything but the exclusions; the children of an excluded resource are judged on their own', () => {
    expect(inScope({ exclude: { kinds: ['filter'] } })).toEqual(['d_amp', 'd_mix', 'env:prod', 'sch_web', 'src_ios', 'src_web']);
    expect(inScope({ exclude: { names: ['Amplitude'] } })).toEqual([
      'd_mix',
      'env:prod',
      'f_drop',
      'f_mix',
      'f_sample',
      'sch_web',
      'src_ios',
      'src_web',
    ]);
  });

  it('brings the children of a selected resource along', () => {
    expect(inScope({ ids: ['d_amp'] })).toEqual(['d_amp', 'f_drop', 'f_sample']);
    expect(inScope({ ids: ['src_web'] })).toEqual(['sch_web', 'src_web']);
  });

  it('does not bring along what refers to a selected resource without hanging off it', () => {
    // the destinations refer to the sources, the sources to the label: none is a child
    expect(inScope({ kinds: ['source'] })).toEqual(['sch_web', 'src_ios', 'src_web']);
    expect(inScope({ kinds: ['label'] })).toEqual(['env:prod']);
  });

  it('leaves out the children a scope excludes', () => {
    expect(inScope({ ids: ['d_amp'], exclude: { names: ['Sample'] } })).toEqual(['d_amp', 'f_drop']);
    expect(inScope({ kinds: ['destination'], exclude: { kinds: ['filter'] } })).toEqual(['d_amp', 'd_mix']);
  });

  it('selects by label, what hangs off the labelled source inheriting it', () => {
    expect(inScope({ labels: ['env:prod'] })).toEqual(['d_amp', 'f_drop', 'f_sample', 'sch_web', 'src_web']);
  });

  it('follows children of children', () => {
    const ref = (kind: string) => (body: JsonObject) => refAt(body, 'parentId', kind);
    const catalog = new KindCatalog([
      defineTestKind({ kind: 'a', naturalKey: (body) => asString(body.name) }),
      defineTestKind({ kind: 'b', parent: { kind: 'a' }, naturalKey: (body) => asString(body.name), references: ref('a') }),
      defineTestKind({ kind: 'c', parent: { kind: 'b' }, naturalKey: (body) => asString(body.name), references: ref('b') }),
    ]);
    const items = [
      item('a', 'a1', { name: 'one' }),
      item('a', 'a2', { name: 'two' }),
      item('b', 'b1', { name: 'b1', parentId: 'a1' }),
      item('b', 'b2', { name: 'b2', parentId: 'a2' }),
      item('c', 'c1', { name: 'c1', parentId: 'b1' }),
      item('c', 'c2', { name: 'c2', parentId: 'b2' }),
    ];
    expect(selected(testContext(items, [], { scope: { ids: ['a1'] } }, catalog))).toEqual(['a1', 'b1', 'c1']);
  });
});
