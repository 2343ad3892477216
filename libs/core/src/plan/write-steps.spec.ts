import { resourceKey, SECRET_SUPPLIED, SECRET_UNKNOWN } from '../kinds';
import { contentHash, JsonObject } from '../json';
import { decidedContext, destination, filter, item, source, stepSummary } from './test-plan-catalog';

const web = source('src_web', 'web');
const ios = source('src_ios', 'ios');
const amplitude = destination('d_amp', 'src_web', 'Amplitude');
const dropTest = filter('f_drop', 'd_amp', 'Drop test');

// planWrite runs inside every decision that writes: these specs read the steps it adds.
describe('write steps', () => {
  describe('creates and updates', () => {
    it('invites a missing person, or waits for the pending invitation', () => {
      const ann = item('user', 'u_ann', { email: 'ann@example.com' });
      const invited = decidedContext([ann], []);
      expect(stepSummary(invited.steps)).toEqual(['invite user ann@example.com']);
      expect(invited.gaps).toEqual([
        {
          type: 'invite',
          kind: 'user',
          naturalKey: 'ann@example.com',
          message: "user 'ann@example.com' can only be invited again; they must accept the invitation",
        },
      ]);
      const pending = decidedContext([ann], [item('invitation', 'inv_ann', { email: 'ann@example.com' })]);
      expect(pending.steps).toEqual([]);
      expect(pending.gaps.map((g) => g.message)).toEqual(["user 'ann@example.com' has a pending invitation; they must accept it"]);
      expect(pending.decisions.get(resourceKey('user', 'u_ann'))).toEqual({ type: 'skip' });
    });

    it('updates a changed field with its operations', () => {
      const disabled = destination('d_amp', 'src_web', 'Amplitude', { enabled: false });
      const context = decidedContext([web, amplitude], [web, disabled]);
      expect(context.steps).toEqual([
        expect.objectContaining({
          index: 1,
          action: 'update',
          originId: 'd_amp',
          liveId: 'd_amp',
          before: disabled.body,
          beforeHash: contentHash(disabled.body),
          after: amplitude.body,
          ops: [{ op: 'replace', path: '/enabled', value: true }],
          dependsOn: [],
          reason: 'changed: enabled',
        }),
      ]);
      expect(context.unchanged).toBe(1);
    });

    it('leaves the settings Segment computes out of the comparison, by catalog entry', () => {
      const computed = (value: string) => destination('d_amp', 'src_web', 'Amplitude', { settings: { region: 'eu', version: value } });
      const computedSettings = new Map([['amplitude-meta', new Set(['version'])]]);
      expect(decidedContext([web, computed('2')], [web, computed('1')], { computedSettings }).steps).toEqual([]);
      expect(stepSummary(decidedContext([web, computed('2')], [web, computed('1')]).steps)).toEqual(['update destination web / Amplitude']);
    });
  });

  describe('replaces', () => {
    const moved = destination('d_amp', 'src_ios', 'Amplitude');

    it('deletes and re-creates a resource whose create-only field changed; its children follow without a delete of their own', () => {
      const context = decidedContext([web, ios, moved, dropTest], [web, ios, amplitude, dropTest]);
      expect(stepSummary(context.steps)).toEqual([
        'delete destination web / Amplitude',
        'create destination ios / Amplitude',
        'create filter ios / Amplitude / Drop test',
      ]);
      const [removal, creation, filterCreation] = context.steps;
      const why = 'replace: sourceId cannot be changed after create';
      expect(removal).toMatchObject({ liveId: 'd_amp', originId: 'd_amp', before: amplitude.body, replace: true, reason: why });
      expect(creation).toMatchObject({ after: moved.body, before: amplitude.body, dependsOn: [1], replace: true, reason: why });
      expect(filterCreation).toMatchObject({
        after: { ...dropTest.body, destinationId: '$new:2' },
        pending: [{ pointer: '/destinationId', step: 2 }],
        dependsOn: [2],
        reason: 'replace: destinationId cannot be changed after create',
      });
      expect([...context.deletedLive]).toEqual([resourceKey('destination', 'd_amp')]);
      // the filter was in scope already: nothing is pulled in for it
      expect(context.pulledIn).toEqual([]);
    });

    it('pulls in a source referrer the scope left out, and marks live-only referrers to go with it', () => {
      const stray = filter('f_stray', 'd_amp', 'Stray');
      const context = decidedContext([web, ios, moved, dropTest], [web, ios, amplitude, dropTest, stray], {
        scope: { kinds: ['destination'], exclude: { kinds: ['filter'] } },
      });
      expect(context.pulledIn).toEqual([
        { kind: 'filter', naturalKey: 'ios / Amplitude / Drop test', neededBy: "destination 'Amplitude' is replaced" },
      ]);
      expect(stepSummary(context.steps)).toEqual([
        'delete destination web / Amplitude',
        'create destination ios / Amplitude',
        'create filter ios / Amplitude / Drop test',
      ]);
      expect([...context.cascade]).toEqual([
        [resourceKey('filter', 'f_stray'), "destination 'Amplitude', which it refers to, is replaced"],
      ]);
    });

    it('replaces a kind that cannot be updated', () => {
      const described = (description: string) => item('label', 'env:prod', { key: 'env', value: 'prod', description });
      const context = decidedContext([described('new')], [described('old')]);
      expect(stepSummary(context.steps)).toEqual(['delete label env:prod', 'create label env:prod']);
      expect(context.steps[1]!.reason).toBe('replace: labels cannot be updated');
    });
  });

  describe('secrets', () => {
    const withKey = (apiKey: JsonObject | string) => destination('d_amp', 'src_web', 'Amplitude', { settings: { region: 'eu', apiKey } });

    it('creates without a secret it does not know, saying so', () => {
      const context = decidedContext([web, withKey(SECRET_UNKNOWN)], [web]);
      expect(context.steps[0]).toMatchObject({ action: 'create', secretsMissing: ['settings.apiKey'] });
      expect(context.gaps).toEqual([
        {
          type: 'secret',
          kind: 'destination',
          naturalKey: 'web / Amplitude',
          fields: ['settings.apiKey'],
          message: "destination 'Amplitude' will be created without settings.apiKey (secret, unknown): supply them in `secrets`",
        },
      ]);
    });

    it('does not update for a secret it cannot know, and sets a supplied one showing only its marker', () => {
      expect(decidedContext([web, withKey(SECRET_UNKNOWN)], [web, withKey('k-live')]).steps).toEqual([]);
      const secrets = [{ kind: 'destination', resource: 'd_amp', field: 'settings.apiKey', value: 'k-new' }];
      const context = decidedContext([web, withKey(SECRET_UNKNOWN)], [web, withKey('k-live')], { secrets });
      expect(context.steps).toEqual([
        expect.objectContaining({
          action: 'update',
          after: withKey(SECRET_SUPPLIED).body,
          ops: [{ op: 'replace', path: '/settings/apiKey', value: SECRET_SUPPLIED }],
          reason: 'set settings.apiKey from the request',
          secretsSupplied: ['settings.apiKey'],
        }),
      ]);
      expect(JSON.stringify(context.steps)).not.toContain('k-new');
    });
  });
});
