import { decidedContext, destination, filter, label, source, stepSummary } from './test-plan-catalog';

const web = source('src_web', 'web');
const amplitude = destination('d_amp', 'src_web', 'Amplitude');
const dropTest = filter('f_drop', 'd_amp', 'Drop test');

// desiredBody runs inside every decision: these specs read the steps it shapes.
describe('desired bodies: references into the target', () => {
  describe('references', () => {
    it('creates what the live workspace lacks, a reference to a created resource waiting for its step', () => {
      const context = decidedContext([web, amplitude, dropTest], []);
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

    it("points a copy's references to the target's ids: no change, and a new resource created on its matched parent", () => {
      const stagingWeb = source('s_web', 'web');
      const stagingAmplitude = destination('s_amp', 's_web', 'Amplitude');
      const stagingMixpanel = destination('s_mix', 's_web', 'Mixpanel');
      const live = [source('p_web', 'web'), destination('p_amp', 'p_web', 'Amplitude')];
      const context = decidedContext([stagingWeb, stagingAmplitude, stagingMixpanel], live, { mode: 'copy' });
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
      const context = decidedContext([label('env', 'prod'), labelled], [web]);
      expect(stepSummary(context.steps)).toEqual(['create label env:prod', 'update source web']);
      expect(context.steps[1]).toMatchObject({ after: labelled.body, pending: [], dependsOn: [1] });
    });
  });

  describe('what a reference needs', () => {
    it('pulls in a missing resource a selected one needs, and creates it first', () => {
      const context = decidedContext([web, amplitude], [], { scope: { ids: ['d_amp'] } });
      expect(context.pulledIn).toEqual([{ kind: 'source', naturalKey: 'web', neededBy: "destination 'Amplitude'" }]);
      expect(stepSummary(context.steps)).toEqual(['create source web', 'create destination web / Amplitude']);
      expect(context.steps[1]!.pending).toEqual([{ pointer: '/sourceId', step: 1 }]);
    });

    it('does not write a resource whose missing reference the scope excludes', () => {
      const context = decidedContext([web, amplitude], [], { scope: { kinds: ['destination'], exclude: { kinds: ['source'] } } });
      expect(context.steps).toEqual([]);
      expect(context.pulledIn).toEqual([]);
      expect(context.gaps.map((g) => g.message)).toEqual([
        "destination 'Amplitude' is not written: it needs source 'web', which is excluded",
      ]);
    });
  });
});
