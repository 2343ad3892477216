import { KindCatalog, resourceKey, SECRET_SUPPLIED, SECRET_UNKNOWN } from '../kinds';
import { asString, defineTestKind, refAt } from '../kinds/test-kinds';
import { contentHash, JsonObject } from '../json';
import { decideInScope } from './decide';
import { selectInitialScope } from './initial-scope';
import { matchResources } from './match';
import { PlanContext } from './plan-context';
import { destination, filter, item, label, source, stepSummary, testContext, TestItem } from './test-plan-catalog';
import { PlanOptions } from './types';

/** A context after matching, the initial scope and every decision: steps in the order they were added. */
function decided(sourceItems: TestItem[], liveItems: TestItem[], options: Partial<PlanOptions> = {}, catalog?: KindCatalog): PlanContext {
  const context = testContext(sourceItems, liveItems, options, catalog);
  matchResources(context);
  selectInitialScope(context);
  decideInScope(context);
  return context;
}

const web = source('src_web', 'web');
const ios = source('src_ios', 'ios');
const amplitude = destination('d_amp', 'src_web', 'Amplitude');
const dropTest = filter('f_drop', 'd_amp', 'Drop test');
const workspace = item('workspace', 'ws', { slug: 'prod' });

describe('decideInScope', () => {
  describe('creates', () => {
    it('creates what the live workspace lacks, a reference to a created resource waiting for its step', () => {
      const context = decided([web, amplitude, dropTest], []);
      expect(stepSummary(context.steps)).toEqual([
        'create source web',
        'create destination web / Amplitude',
        'create filter web / Amplitude / Drop test',
      ]);
      const [, createDestination, createFilter] = context.steps;
      expect(createDestination).toMatchObject({
        index: 2,
        originId: 'd_amp',
        after: { ...amplitude.body, sourceId: '$new:1' },
        pending: [{ pointer: '/sourceId', step: 1 }],
        dependsOn: [1],
        reason: 'missing from the live workspace',
        secretsMissing: [],
        secretsSupplied: [],
      });
      expect(createFilter).toMatchObject({ after: { ...dropTest.body, destinationId: '$new:2' }, dependsOn: [2] });
      expect(context.gaps).toEqual([]);
      expect(context.unchanged).toBe(0);
    });

    it('decides in catalog order, then by natural key, whatever the names', () => {
      const alpha = destination('d_alpha', 'src_web', 'Alpha');
      const context = decided([alpha, source('src_zeta', 'zeta'), source('src_beta', 'beta'), web], [web]);
      expect(stepSummary(context.steps)).toEqual(['create source beta', 'create source zeta', 'create destination web / Alpha']);
    });

    it("points a copy's references to the target's ids: no change, and a new resource created on its matched parent", () => {
      const stagingWeb = source('s_web', 'web');
      const stagingAmplitude = destination('s_amp', 's_web', 'Amplitude');
      const stagingMixpanel = destination('s_mix', 's_web', 'Mixpanel');
      const live = [source('p_web', 'web'), destination('p_amp', 'p_web', 'Amplitude')];
      const context = decided([stagingWeb, stagingAmplitude, stagingMixpanel], live, { mode: 'copy' });
      expect(stepSummary(context.steps)).toEqual(['create destination web / Mixpanel']);
      expect(context.steps[0]).toMatchObject({
        after: { ...stagingMixpanel.body, sourceId: 'p_web' },
        pending: [],
        dependsOn: [],
        reason: 'not in the target workspace',
      });
      expect(context.unchanged).toBe(2);
    });

    it('waits for a label it creates without rewriting the stable reference to it', () => {
      const labelled = source('src_web', 'web', { labels: ['env:prod'] });
      const context = decided([label('env', 'prod'), labelled], [web]);
      expect(stepSummary(context.steps)).toEqual(['create label env:prod', 'update source web']);
      expect(context.steps[1]).toMatchObject({ after: labelled.body, pending: [], dependsOn: [1] });
    });

    it('pulls in a missing resource a selected one needs, and creates it first', () => {
      const context = decided([web, amplitude], [], { scope: { ids: ['d_amp'] } });
      expect(context.pulledIn).toEqual([{ kind: 'source', naturalKey: 'web', neededBy: "destination 'Amplitude'" }]);
      expect(stepSummary(context.steps)).toEqual(['create source web', 'create destination web / Amplitude']);
      expect(context.steps[1]!.pending).toEqual([{ pointer: '/sourceId', step: 1 }]);
    });

    it('invites a missing person, or waits for the pending invitation', () => {
      const ann = item('user', 'u_ann', { email: 'ann@example.com' });
      const invited = decided([ann], []);
      expect(stepSummary(invited.steps)).toEqual(['invite user ann@example.com']);
      expect(invited.gaps).toEqual([
        {
          type: 'invite',
          kind: 'user',
          naturalKey: 'ann@example.com',
          message: "user 'ann@example.com' can only be invited again; they must accept the invitation",
        },
      ]);
      const pending = decided([ann], [item('invitation', 'inv_ann', { email: 'ann@example.com' })]);
      expect(pending.steps).toEqual([]);
      expect(pending.gaps.map((g) => g.message)).toEqual(["user 'ann@example.com' has a pending invitation; they must accept it"]);
      expect(pending.decisions.get(resourceKey('user', 'u_ann'))).toEqual({ type: 'skip' });
    });
  });

  describe('keeps and updates', () => {
    it('keeps what did not change and counts it, a read-only resource uncounted', () => {
      const state = [workspace, web, amplitude, dropTest];
      const context = decided(state, state);
      expect(context.steps).toEqual([]);
      expect(context.unchanged).toBe(3);
      expect(context.decisions.get(resourceKey('workspace', 'ws'))).toMatchObject({ type: 'keep', live: { id: 'ws' } });
    });

    it('updates a changed field with its operations', () => {
      const disabled = destination('d_amp', 'src_web', 'Amplitude', { enabled: false });
      const context = decided([web, amplitude], [web, disabled]);
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
      expect(decided([web, computed('2')], [web, computed('1')], { computedSettings }).steps).toEqual([]);
      expect(stepSummary(decided([web, computed('2')], [web, computed('1')]).steps)).toEqual(['update destination web / Amplitude']);
    });
  });

  describe('replaces', () => {
    const moved = destination('d_amp', 'src_ios', 'Amplitude');

    it('deletes and re-creates a resource whose create-only field changed; its children follow without a delete of their own', () => {
      const context = decided([web, ios, moved, dropTest], [web, ios, amplitude, dropTest]);
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
      const context = decided([web, ios, moved, dropTest], [web, ios, amplitude, dropTest, stray], {
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
      const context = decided([described('new')], [described('old')]);
      expect(stepSummary(context.steps)).toEqual(['delete label env:prod', 'create label env:prod']);
      expect(context.steps[1]!.reason).toBe('replace: labels cannot be updated');
    });
  });

  describe('secrets', () => {
    const withKey = (apiKey: JsonObject | string) => destination('d_amp', 'src_web', 'Amplitude', { settings: { region: 'eu', apiKey } });

    it('creates without a secret it does not know, saying so', () => {
      const context = decided([web, withKey(SECRET_UNKNOWN)], [web]);
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
      expect(decided([web, withKey(SECRET_UNKNOWN)], [web, withKey('k-live')]).steps).toEqual([]);
      const secrets = [{ kind: 'destination', resource: 'd_amp', field: 'settings.apiKey', value: 'k-new' }];
      const context = decided([web, withKey(SECRET_UNKNOWN)], [web, withKey('k-live')], { secrets });
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

  describe('skips, with a gap', () => {
    it('writes neither of two source resources sharing a natural key in a copy', () => {
      const twins = [source('s_web', 'web'), destination('s_a', 's_web', 'Amplitude'), destination('s_b', 's_web', 'Amplitude')];
      const context = decided(twins, [source('p_web', 'web')], { mode: 'copy' });
      expect(context.steps).toEqual([]);
      expect(context.gaps.map((g) => [g.type, g.naturalKey, g.message])).toEqual([
        [
          'ambiguous',
          'web / Amplitude',
          "destination 'Amplitude': several resources share the natural key 'web / Amplitude'; none is written",
        ],
        [
          'ambiguous',
          'web / Amplitude',
          "destination 'Amplitude': several resources share the natural key 'web / Amplitude'; none is written",
        ],
      ]);
    });

    it('reports a kind the target cannot hold once, and what needs it as blocked', () => {
      const mixpanel = destination('d_mix', 'src_web', 'Mixpanel');
      const unavailableKinds = new Map([['destination', 'it lacks the Destinations feature']]);
      const context = decided([web, amplitude, mixpanel, dropTest], [web], { unavailableKinds });
      expect(context.steps).toEqual([]);
      expect(context.gaps).toEqual([
        {
          type: 'feature',
          kind: 'destination',
          message: 'The target workspace cannot hold destinations: it lacks the Destinations feature',
        },
        {
          type: 'missing-reference',
          kind: 'filter',
          naturalKey: 'web / Amplitude / Drop test',
          message: "filter 'Drop test' is not written: it needs destination 'Amplitude', which cannot be written",
        },
      ]);
    });

    it('does not create an instance of a catalog entry the target lacks, but updates an existing one', () => {
      const missingCatalogEntries = new Set(['amplitude-meta']);
      const created = decided([web, amplitude], [web], { missingCatalogEntries });
      expect(created.steps).toEqual([]);
      expect(created.gaps).toEqual([
        {
          type: 'catalog',
          kind: 'destination',
          naturalKey: 'web / Amplitude',
          message: "destination 'Amplitude' cannot be created: the target workspace's catalog has no entry 'amplitude-meta'",
        },
      ]);
      const disabled = destination('d_amp', 'src_web', 'Amplitude', { enabled: false });
      expect(stepSummary(decided([web, amplitude], [web, disabled], { missingCatalogEntries }).steps)).toEqual([
        'update destination web / Amplitude',
      ]);
    });

    it('cannot create a read-only resource', () => {
      const context = decided([workspace], []);
      expect(context.gaps).toEqual([
        {
          type: 'read-only',
          kind: 'workspace',
          naturalKey: 'prod',
          message: "workspace 'prod' does not exist in the target and cannot be created through Segment's API",
        },
      ]);
    });

    it('does not write a resource whose missing reference the scope excludes', () => {
      const context = decided([web, amplitude], [], { scope: { kinds: ['destination'], exclude: { kinds: ['source'] } } });
      expect(context.steps).toEqual([]);
      expect(context.pulledIn).toEqual([]);
      expect(context.gaps.map((g) => g.message)).toEqual([
        "destination 'Amplitude' is not written: it needs source 'web', which is excluded",
      ]);
    });

    it('plans nothing on a reference cycle among resources to create', () => {
      const catalog = new KindCatalog([
        defineTestKind({
          kind: 'node',
          naturalKey: (body) => asString(body.name),
          references: (body) => refAt(body, 'next', 'node'),
          write: {
            create: () => ({ method: 'POST', path: '/' }),
            created: () => ({ id: '' }),
            delete: () => ({ method: 'DELETE', path: '/' }),
          },
        }),
      ]);
      const nodes = [item('node', 'n_a', { name: 'a', next: 'n_b' }), item('node', 'n_b', { name: 'b', next: 'n_a' })];
      const context = decided(nodes, [], {}, catalog);
      expect(context.steps).toEqual([]);
      expect(context.gaps.map((g) => [g.type, g.naturalKey, g.message])).toEqual([
        ['cycle', 'a', "node 'a' refers to itself through other resources; it is not planned"],
        ['missing-reference', 'b', "node 'b' is not written: it needs node 'a', which cannot be written"],
        ['missing-reference', 'a', "node 'a' is not written: it needs node 'b', which cannot be written"],
      ]);
    });
  });
});
