import { KindCatalog, resourceKey } from '../kinds';
import { asString, defineTestKind, refAt } from '../kinds/test-kinds';
import { decidedContext, destination, filter, item, source, stepSummary } from './test-plan-catalog';

const web = source('src_web', 'web');
const amplitude = destination('d_amp', 'src_web', 'Amplitude');
const dropTest = filter('f_drop', 'd_amp', 'Drop test');
const workspace = item('workspace', 'ws', { slug: 'prod' });

describe('decideInScope', () => {
  describe('order and keeps', () => {
    it('decides in catalog order, then by natural key, whatever the names', () => {
      const alpha = destination('d_alpha', 'src_web', 'Alpha');
      const context = decidedContext([alpha, source('src_zeta', 'zeta'), source('src_beta', 'beta'), web], [web]);
      expect(stepSummary(context.steps)).toEqual(['create source beta', 'create source zeta', 'create destination web / Alpha']);
    });

    it('keeps what did not change and counts it, a read-only resource uncounted', () => {
      const state = [workspace, web, amplitude, dropTest];
      const context = decidedContext(state, state);
      expect(context.steps).toEqual([]);
      expect(context.unchanged).toBe(3);
      expect(context.decisions.get(resourceKey('workspace', 'ws'))).toMatchObject({ type: 'keep', live: { id: 'ws' } });
    });
  });

  describe('skips, with a gap', () => {
    it('writes neither of two source resources sharing a natural key in a copy', () => {
      const twins = [source('s_web', 'web'), destination('s_a', 's_web', 'Amplitude'), destination('s_b', 's_web', 'Amplitude')];
      const context = decidedContext(twins, [source('p_web', 'web')], { mode: 'copy' });
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
      const context = decidedContext([web, amplitude, mixpanel, dropTest], [web], { unavailableKinds });
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
      const created = decidedContext([web, amplitude], [web], { missingCatalogEntries });
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
      expect(stepSummary(decidedContext([web, amplitude], [web, disabled], { missingCatalogEntries }).steps)).toEqual([
        'update destination web / Amplitude',
      ]);
    });

    it('cannot create a read-only resource', () => {
      const context = decidedContext([workspace], []);
      expect(context.gaps).toEqual([
        {
          type: 'read-only',
          kind: 'workspace',
          naturalKey: 'prod',
          message: "workspace 'prod' does not exist in the target and cannot be created through Segment's API",
        },
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
      const context = decidedContext(nodes, [], {}, catalog);
      expect(context.steps).toEqual([]);
      expect(context.gaps.map((g) => [g.type, g.naturalKey, g.message])).toEqual([
        ['cycle', 'a', "node 'a' refers to itself through other resources; it is not planned"],
        ['missing-reference', 'b', "node 'b' is not written: it needs node 'a', which cannot be written"],
        ['missing-reference', 'a', "node 'a' is not written: it needs node 'b', which cannot be written"],
      ]);
    });
  });
});
