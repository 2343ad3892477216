import { resourceKey } from '../kinds';
import { matchResources } from './match';
import { AMBIGUOUS, PlanContext } from './plan-context';
import { destination, item, source, testContext } from './test-plan-catalog';
import { PlanOptions } from './types';

/** Matches after matchResources, as `source id → live id` (or 'ambiguous'), and live id → source id claims. */
function matched(context: PlanContext): { matches: Record<string, string>; claimedBy: Record<string, string> } {
  matchResources(context);
  const sourceId = (key: string) => context.source.byKey.get(key)!.id;
  const liveId = (key: string) => context.live.byKey.get(key)!.id;
  return {
    matches: Object.fromEntries([...context.matches].map(([key, live]) => [sourceId(key), live === AMBIGUOUS ? 'ambiguous' : live.id])),
    claimedBy: Object.fromEntries([...context.claimedBy].map(([liveKey, sourceKey]) => [liveId(liveKey), sourceId(sourceKey)])),
  };
}

const copy: Partial<PlanOptions> = { mode: 'copy' };

describe('matchResources', () => {
  it('matches a restore by id, even when the natural key changed', () => {
    const result = matched(testContext([source('src_web', 'web')], [source('src_web', 'web-renamed')]));
    expect(result).toEqual({ matches: { src_web: 'src_web' }, claimedBy: { src_web: 'src_web' } });
  });

  it('never matches a copy by id: another workspace, another resource', () => {
    const result = matched(testContext([source('same_id', 'web')], [source('same_id', 'android')], copy));
    expect(result).toEqual({ matches: {}, claimedBy: {} });
  });

  it('matches a copy by natural key across ids, references included', () => {
    const result = matched(
      testContext(
        [source('s_web', 'web'), destination('s_amp', 's_web', 'Amplitude')],
        [source('p_web', 'web'), destination('p_amp', 'p_web', 'Amplitude'), destination('p_mix', 'p_web', 'Mixpanel')],
        copy,
      ),
    );
    expect(result).toEqual({ matches: { s_web: 'p_web', s_amp: 'p_amp' }, claimedBy: { p_web: 's_web', p_amp: 's_amp' } });
  });

  it('lets a mapping win over the natural key', () => {
    const mappings = new Map([[resourceKey('source', 's_web'), 'p_legacy']]);
    const result = matched(
      testContext([source('s_web', 'web')], [source('p_web', 'web'), source('p_legacy', 'legacy')], { ...copy, mappings }),
    );
    expect(result).toEqual({ matches: { s_web: 'p_legacy' }, claimedBy: { p_legacy: 's_web' } });
  });

  it('falls back to the natural key when the mapped resource is gone', () => {
    const mappings = new Map([[resourceKey('source', 's_web'), 'p_deleted']]);
    const result = matched(testContext([source('s_web', 'web')], [source('p_web', 'web')], { ...copy, mappings }));
    expect(result.matches).toEqual({ s_web: 'p_web' });
  });

  it('gives a live resource to the first mapping that names it only', () => {
    const mappings = new Map([
      [resourceKey('source', 's_a'), 'p_x'],
      [resourceKey('source', 's_b'), 'p_x'],
    ]);
    const result = matched(testContext([source('s_a', 'a'), source('s_b', 'x')], [source('p_x', 'x')], { ...copy, mappings }));
    // s_b's natural key would name p_x too, but s_a took it
    expect(result).toEqual({ matches: { s_a: 'p_x' }, claimedBy: { p_x: 's_a' } });
  });

  it('does not offer a live resource claimed by id to the natural-key match', () => {
    const result = matched(testContext([source('src_a', 'web'), source('src_b', 'ios')], [source('src_a', 'ios'), source('src_c', 'web')]));
    // src_a is matched by id; src_b's natural key 'ios' names only src_a, which is taken
    expect(result).toEqual({ matches: { src_a: 'src_a' }, claimedBy: { src_a: 'src_a' } });
  });

  describe('twins (one natural key for several resources)', () => {
    const twins = [source('s_web', 'web'), destination('s_amp', 's_web', 'Amplitude'), destination('s_amp2', 's_web', 'Amplitude')];

    it('writes neither of two source twins in a copy', () => {
      const result = matched(testContext(twins, [source('p_web', 'web'), destination('p_amp', 'p_web', 'Amplitude')], copy));
      expect(result.matches).toEqual({ s_web: 'p_web', s_amp: 'ambiguous', s_amp2: 'ambiguous' });
      expect(result.claimedBy).toEqual({ p_web: 's_web' });
    });

    it('lets ids tell source twins apart in a restore, and leaves an unmatched twin to be created', () => {
      const live = [source('s_web', 'web'), destination('s_amp', 's_web', 'Amplitude')];
      const result = matched(testContext(twins, live));
      expect(result.matches).toEqual({ s_web: 's_web', s_amp: 's_amp' });
    });

    it('finds a source resource matching two live ones ambiguous in either mode', () => {
      const live = [source('p_web', 'web'), destination('p_amp', 'p_web', 'Amplitude'), destination('p_amp2', 'p_web', 'Amplitude')];
      const single = [source('s_web', 'web'), destination('s_amp', 's_web', 'Amplitude')];
      expect(matched(testContext(single, live, copy)).matches).toEqual({ s_web: 'p_web', s_amp: 'ambiguous' });
      expect(matched(testContext(single, live)).matches).toEqual({ s_web: 'p_web', s_amp: 'ambiguous' });
    });
  });

  describe('invitations', () => {
    const user = item('user', 'u_ann', { email: 'ann@example.com' });

    it("claims a person's pending invitation for them, without matching it", () => {
      const invitation = item('invitation', 'inv_ann', { email: 'ann@example.com' });
      const result = matched(testContext([user], [invitation]));
      expect(result).toEqual({ matches: {}, claimedBy: { inv_ann: 'u_ann' } });
    });

    it("does not claim someone else's invitation, nor one for a person who is there", () => {
      const other = item('invitation', 'inv_bob', { email: 'bob@example.com' });
      expect(matched(testContext([user], [other])).claimedBy).toEqual({});
      const invitation = item('invitation', 'inv_ann', { email: 'ann@example.com' });
      expect(matched(testContext([user], [user, invitation])).claimedBy).toEqual({ u_ann: 'u_ann' });
    });
  });
});
