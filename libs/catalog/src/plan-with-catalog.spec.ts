// planChanges is generic; these cases run it with the real Segment catalog on small hand-built
// states, as restore (same workspace, an earlier version) and copy (another workspace) do.
import {
  contentHash,
  JsonObject,
  NaturalKeyResolver,
  planChanges,
  PlannedStep,
  PlanOptions,
  Resource,
  PlanResult,
  WorkspaceState,
  resourceKey,
  SECRET_SUPPLIED,
  SECRET_UNKNOWN,
} from '@app/core';
import { SEGMENT_CATALOG } from '.';

interface Item {
  kind: string;
  id: string;
  body: JsonObject;
}

const r = (kind: string, id: string, body: JsonObject): Item => ({ kind, id, body });

/** A workspace state with natural keys and hashes computed as a snapshot would. */
function side(slug: string, items: Item[]): WorkspaceState {
  const resolver = new NaturalKeyResolver(SEGMENT_CATALOG, slug, items);
  return {
    workspaceSlug: slug,
    resources: items.map((i): Resource => ({ ...i, naturalKey: resolver.naturalKey(i.kind, i.id), hash: contentHash(i.body) })),
  };
}

const restoreOptions = (options: Partial<PlanOptions> = {}): PlanOptions => ({ mode: 'restore', allowDelete: false, ...options });
const copyOptions = (options: Partial<PlanOptions> = {}): PlanOptions => ({ mode: 'copy', allowDelete: false, ...options });

/** Restore: the same workspace at an earlier version (`source`) against now (`live`). */
const restore = (source: Item[], live: Item[], options: Partial<PlanOptions> = {}) =>
  checked(planChanges(SEGMENT_CATALOG, side('prod', source), side('prod', live), restoreOptions(options)));
/** Copy: staging's state into production. */
const copy = (source: Item[], live: Item[], options: Partial<PlanOptions> = {}) =>
  checked(planChanges(SEGMENT_CATALOG, side('staging', source), side('prod', live), copyOptions(options)));

/**
 * What holds for every plan: steps numbered 1…n in order, dependencies on earlier steps only,
 * every placeholder backed by a pending reference to an earlier step it depends on.
 */
function checked(result: PlanResult): PlanResult {
  result.steps.forEach((step, i) => {
    expect(step.index).toBe(i + 1);
    for (const d of step.dependsOn) expect(d).toBeLessThan(step.index);
    expect(new Set(step.dependsOn).size).toBe(step.dependsOn.length);
    const pendings = [...step.pending, ...(step.items ?? []).flatMap((item) => item.pending)];
    for (const p of pendings) {
      expect(p.step).toBeLessThan(step.index);
      expect(step.dependsOn).toContain(p.step);
    }
    const placeholders = [...JSON.stringify([step.after, step.items?.map((item) => item.after)]).matchAll(/\$new:(\d+)/g)].map((m) =>
      Number(m[1]),
    );
    for (const n of placeholders) expect(pendings.map((p) => p.step)).toContain(n);
  });
  return result;
}

const stepsOf = (result: PlanResult, kind: string, action?: PlannedStep['action']) =>
  result.steps.filter((s) => s.kind === kind && (!action || s.action === action));
const only = (result: PlanResult, kind: string, action?: PlannedStep['action']): PlannedStep => {
  const found = stepsOf(result, kind, action);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const summary = (result: PlanResult) => result.steps.map((s) => `${s.action} ${s.kind} ${s.naturalKey}`);

// ── resources, as the catalog normalizes them ──────────────────────────────

const workspace = r('workspace', 'ws_prod', { id: 'ws_prod', slug: 'prod', name: 'PROD' });
const label = r('label', 'env:prod', { key: 'env', value: 'prod' });
const source = (id: string, slug: string, extra: JsonObject = {}) =>
  r('source', id, { slug, name: slug.toUpperCase(), enabled: true, metadataId: 'js-meta', settings: {}, labels: [], ...extra });
const destination = (id: string, sourceId: string, name: string, extra: JsonObject = {}) =>
  r('destination', id, {
    sourceId,
    metadataId: `${name.toLowerCase()}-meta`,
    enabled: true,
    settings: { apiKey: 'k-live', region: 'eu' },
    name,
    ...extra,
  });
const filter = (id: string, destinationId: string, sourceId: string, title: string, extra: JsonObject = {}) =>
  r('destination-filter', id, {
    destinationId,
    sourceId,
    title,
    if: 'event = "test"',
    actions: [{ type: 'drop' }],
    enabled: true,
    ...extra,
  });
const trackingPlan = (id: string, name: string) => r('tracking-plan', id, { name, description: '', type: 'LIVE' });
const rule = (planId: string, key: string, extra: JsonObject = {}) =>
  r('tracking-plan-rule', `${planId}|TRACK|${key}|1`, {
    trackingPlanId: planId,
    type: 'TRACK',
    key,
    version: 1,
    jsonSchema: { properties: { total: { type: 'number' } } },
    ...extra,
  });
const user = (id: string, email: string) => r('user', id, { email, name: email.split('@')[0]!, permissions: [] });

const web = source('src_web', 'web');
const ios = source('src_ios', 'ios');
const amplitude = destination('d_amp', 'src_web', 'Amplitude');
const dropTest = filter('f_drop', 'd_amp', 'src_web', 'Drop test');
const sample = filter('f_sample', 'd_amp', 'src_web', 'Sample', { actions: [{ type: 'sample', percent: 0.5 }] });

const AMPLITUDE = 'web / amplitude-meta / Amplitude';

describe('planChanges with the Segment catalog', () => {
  describe('restore', () => {
    it('re-creates a deleted destination and its filters, the filters waiting for the destination', () => {
      const result = restore([workspace, web, amplitude, dropTest, sample], [workspace, web]);
      expect(summary(result)).toEqual([
        `create destination ${AMPLITUDE}`,
        `create destination-filter ${AMPLITUDE} / Drop test`,
        `create destination-filter ${AMPLITUDE} / Sample`,
      ]);
      const [created, drop, sampled] = result.steps as [PlannedStep, PlannedStep, PlannedStep];
      expect(created).toMatchObject({
        originId: 'd_amp',
        after: amplitude.body,
        pending: [],
        dependsOn: [],
        reason: 'missing from the live workspace',
      });
      expect(created.liveId).toBeUndefined();
      for (const [step, item] of [
        [drop, dropTest],
        [sampled, sample],
      ] as const) {
        // the destination's new id comes from step 1; the source exists, so its id stays
        expect(step.after).toEqual({ ...item.body, destinationId: '$new:1', sourceId: 'src_web' });
        expect(step.pending).toEqual([{ pointer: '/destinationId', step: 1 }]);
        expect(step.dependsOn).toEqual([1]);
        expect(step.originId).toBe(item.id);
      }
      expect(result.gaps).toEqual([]);
      expect(result.totals).toEqual({ create: 3, update: 0, delete: 0, invite: 0, 'upsert-batch': 0, 'delete-batch': 0, unchanged: 1 });
    });

    it('plans nothing for identical states and counts the writable resources as unchanged', () => {
      const state = [workspace, label, web, amplitude, dropTest];
      const result = restore(state, state, { allowDelete: true });
      expect(result.steps).toEqual([]);
      expect(result.gaps).toEqual([]);
      expect(result.kept).toEqual([]);
      expect(result.pulledIn).toEqual([]);
      // the workspace is read-only: kept, not counted
      expect(result.totals).toEqual({ create: 0, update: 0, delete: 0, invite: 0, 'upsert-batch': 0, 'delete-batch': 0, unchanged: 4 });
    });

    it('updates a changed field with one step carrying the operations', () => {
      const disabled = r('destination', 'd_amp', { ...amplitude.body, enabled: false });
      const result = restore([web, amplitude, dropTest], [web, disabled, dropTest]);
      const step = only(result, 'destination');
      expect(result.steps).toHaveLength(1);
      expect(step).toMatchObject({
        index: 1,
        action: 'update',
        naturalKey: AMPLITUDE,
        originId: 'd_amp',
        liveId: 'd_amp',
        before: disabled.body,
        beforeHash: contentHash(disabled.body),
        after: amplitude.body,
        ops: [{ op: 'replace', path: '/enabled', value: true }],
        dependsOn: [],
        reason: 'changed: enabled',
      });
      expect(result.totals.update).toBe(1);
      expect(result.totals.unchanged).toBe(2);
    });

    it('names every changed field in the reason, once', () => {
      const changed = r('destination', 'd_amp', { ...amplitude.body, settings: { apiKey: 'k-old', region: 'us' } });
      const step = only(restore([web, amplitude], [web, changed]), 'destination', 'update');
      expect(step.ops).toEqual(
        expect.arrayContaining([
          { op: 'replace', path: '/settings/apiKey', value: 'k-live' },
          { op: 'replace', path: '/settings/region', value: 'eu' },
        ]),
      );
      expect(step.reason).toBe('changed: settings.apiKey, settings.region');
    });

    it.each([
      ['sourceId', { sourceId: 'src_ios' }],
      ['metadataId', { metadataId: 'amplitude-actions-meta' }],
    ])('replaces a destination whose %s changed and re-creates its filters on the new one', (field, change) => {
      const moved = r('destination', 'd_amp', { ...amplitude.body, ...change });
      const result = restore([web, ios, moved, dropTest, sample], [web, ios, amplitude, dropTest, sample]);

      const removal = only(result, 'destination', 'delete');
      const creation = only(result, 'destination', 'create');
      expect(removal).toMatchObject({
        liveId: 'd_amp',
        replace: true,
        before: amplitude.body,
        reason: `replace: ${field} cannot be changed after create`,
      });
      expect(creation).toMatchObject({
        originId: 'd_amp',
        replace: true,
        after: moved.body,
        before: amplitude.body,
        reason: `replace: ${field} cannot be changed after create`,
      });
      expect(creation.dependsOn).toContain(removal.index);
      expect(removal.index).toBeLessThan(creation.index);

      const recreated = stepsOf(result, 'destination-filter', 'create');
      expect(recreated.map((s) => s.originId).sort()).toEqual(['f_drop', 'f_sample']);
      for (const step of recreated) {
        expect(step.after!.destinationId).toBe(`$new:${creation.index}`);
        expect(step.after!.sourceId).toBe('src_web');
        expect(step.pending).toEqual([{ pointer: '/destinationId', step: creation.index }]);
        expect(step.dependsOn).toContain(creation.index);
      }
      // the filters go with their destination: no request of their own to delete them
      expect(stepsOf(result, 'destination-filter', 'delete')).toEqual([]);
      expect(result.steps).toHaveLength(4);
      // the sources did not change
      expect(stepsOf(result, 'source')).toEqual([]);
      expect(result.totals.unchanged).toBe(2);
    });

    it('plans no delete for a filter that goes with its replaced destination, and does not keep it', () => {
      const moved = r('destination', 'd_amp', { ...amplitude.body, sourceId: 'src_ios' });
      // only live has this filter: it hangs off the old destination and disappears with it
      const stray = filter('f_stray', 'd_amp', 'src_web', 'Stray');
      const result = restore([web, ios, moved], [web, ios, amplitude, stray]);
      expect(summary(result)).toEqual([`delete destination ${AMPLITUDE}`, 'create destination ios / amplitude-meta / Amplitude']);
      expect(result.kept).toEqual([]);
    });

    it('pulls in an excluded filter of a replaced destination so that it follows to the new one', () => {
      const moved = r('destination', 'd_amp', { ...amplitude.body, sourceId: 'src_ios' });
      const result = restore([web, ios, moved, dropTest], [web, ios, amplitude, dropTest], {
        scope: { kinds: ['destination'], exclude: { kinds: ['destination-filter'] } },
      });
      expect(result.pulledIn).toEqual([
        {
          kind: 'destination-filter',
          naturalKey: 'ios / amplitude-meta / Amplitude / Drop test',
          neededBy: "destination 'Amplitude' is replaced",
        },
      ]);
      const creation = only(result, 'destination', 'create');
      const recreated = only(result, 'destination-filter', 'create');
      expect(recreated.after!.destinationId).toBe(`$new:${creation.index}`);
    });

    describe('deletes', () => {
      const gone = source('src_gone', 'gone');
      const goneDestination = destination('d_gone', 'src_gone', 'Mixpanel');
      const goneFilter = filter('f_gone', 'd_gone', 'src_gone', 'Old filter');

      it('keeps what the version restored does not have without allowDelete', () => {
        const result = restore([web], [web, gone, goneDestination, goneFilter]);
        expect(result.steps).toEqual([]);
        // children first: reverse catalog order
        expect(result.kept).toEqual([
          { kind: 'destination-filter', naturalKey: 'gone / mixpanel-meta / Mixpanel / Old filter', id: 'f_gone' },
          { kind: 'destination', naturalKey: 'gone / mixpanel-meta / Mixpanel', id: 'd_gone' },
          { kind: 'source', naturalKey: 'gone', id: 'src_gone' },
        ]);
        expect(result.totals.delete).toBe(0);
      });

      it('deletes with allowDelete, children before parents, filters going with their destination', () => {
        const result = restore([web], [web, gone, goneDestination, goneFilter], { allowDelete: true });
        expect(summary(result)).toEqual(['delete destination gone / mixpanel-meta / Mixpanel', 'delete source gone']);
        const [removeDestination, removeSource] = result.steps as [PlannedStep, PlannedStep];
        expect(removeDestination).toMatchObject({
          liveId: 'd_gone',
          before: goneDestination.body,
          beforeHash: contentHash(goneDestination.body),
          reason: 'not in the version restored',
        });
        expect(removeDestination.originId).toBeUndefined();
        expect(removeDestination.replace).toBeUndefined();
        expect(removeSource).toMatchObject({ liveId: 'src_gone', dependsOn: [removeDestination.index] });
        expect(result.kept).toEqual([]);
        expect(result.totals.delete).toBe(2);
      });

      it('makes a source delete wait for the deletes of all its destinations', () => {
        const second = destination('d_gone2', 'src_gone', 'Braze');
        const result = restore([web], [web, gone, goneDestination, second], { allowDelete: true });
        const removeSource = only(result, 'source', 'delete');
        const destinationDeletes = stepsOf(result, 'destination', 'delete').map((s) => s.index);
        expect(destinationDeletes).toHaveLength(2);
        expect(removeSource.dependsOn).toEqual(destinationDeletes);
        expect(removeSource.index).toBe(3);
      });

      it('puts creates and updates before plain deletes', () => {
        const disabled = r('source', 'src_web', { ...web.body, enabled: false });
        const result = restore([web, amplitude], [disabled, gone], { allowDelete: true });
        expect(summary(result)).toEqual(['update source web', `create destination ${AMPLITUDE}`, 'delete source gone']);
      });
    });

    describe('scope', () => {
      const mixpanel = destination('d_mix', 'src_web', 'Mixpanel');

      it('pulls in the missing source of a selected destination and brings its filters along', () => {
        const result = restore([web, amplitude, dropTest, sample, mixpanel], [workspace], { scope: { ids: ['d_amp'] } });
        expect(result.pulledIn).toEqual([{ kind: 'source', naturalKey: 'web', neededBy: "destination 'Amplitude'" }]);
        expect(summary(result)).toEqual([
          'create source web',
          `create destination ${AMPLITUDE}`,
          `create destination-filter ${AMPLITUDE} / Drop test`,
          `create destination-filter ${AMPLITUDE} / Sample`,
        ]);
        const destinationStep = only(result, 'destination');
        expect(destinationStep.after!.sourceId).toBe('$new:1');
        expect(destinationStep.pending).toEqual([{ pointer: '/sourceId', step: 1 }]);
        for (const step of stepsOf(result, 'destination-filter')) {
          expect(step.after).toMatchObject({ destinationId: '$new:2', sourceId: '$new:1' });
          expect(step.pending).toEqual(
            expect.arrayContaining([
              { pointer: '/destinationId', step: 2 },
              { pointer: '/sourceId', step: 1 },
            ]),
          );
          expect(step.dependsOn).toEqual([1, 2]);
        }
        // the other destination of the source is not selected
        expect(result.steps.some((s) => s.originId === 'd_mix')).toBe(false);
      });

      it('does not pull in a source that exists, and leaves what is out of scope alone', () => {
        const extra = destination('d_extra', 'src_web', 'Braze');
        const result = restore([web, amplitude, mixpanel], [web, extra], { scope: { ids: ['d_amp'] }, allowDelete: true });
        expect(result.pulledIn).toEqual([]);
        expect(summary(result)).toEqual([`create destination ${AMPLITUDE}`]);
        expect(only(result, 'destination').after!.sourceId).toBe('src_web');
        expect(result.kept).toEqual([]);
      });

      it('selects by name and does not plan what an exclusion names', () => {
        const result = restore([web, amplitude, dropTest, sample], [web], {
          scope: { names: ['Amplitude'], exclude: { names: ['Sample'] } },
        });
        expect(summary(result)).toEqual([`create destination ${AMPLITUDE}`, `create destination-filter ${AMPLITUDE} / Drop test`]);
      });

      it('does not write a resource whose missing reference is excluded', () => {
        const result = restore([web, amplitude], [], { scope: { kinds: ['destination'], exclude: { kinds: ['source'] } } });
        expect(result.steps).toEqual([]);
        expect(result.gaps).toEqual([
          {
            type: 'missing-reference',
            kind: 'destination',
            naturalKey: AMPLITUDE,
            message: "destination 'Amplitude' is not written: it needs source 'WEB', which is excluded",
          },
        ]);
      });
    });
  });

  describe('copy', () => {
    const stagingWeb = source('s_web', 'web');
    const stagingAmplitude = destination('s_amp', 's_web', 'Amplitude', { settings: { apiKey: 'k-live', region: 'us' } });
    const stagingFilter = filter('s_drop', 's_amp', 's_web', 'Drop test');
    const prodWeb = source('p_web', 'web');
    const prodAmplitude = destination('p_amp', 'p_web', 'Amplitude');
    const prodFilter = filter('p_drop', 'p_amp', 'p_web', 'Drop test');

    it('matches by natural key across ids and rewrites references to the target ids', () => {
      const stagingMixpanel = destination('s_mix', 's_web', 'Mixpanel');
      const result = copy([stagingWeb, stagingAmplitude, stagingFilter, stagingMixpanel], [prodWeb, prodAmplitude, prodFilter]);
      expect(summary(result)).toEqual([`update destination ${AMPLITUDE}`, 'create destination web / mixpanel-meta / Mixpanel']);
      const update = only(result, 'destination', 'update');
      expect(update).toMatchObject({ originId: 's_amp', liveId: 'p_amp', ops: [{ op: 'replace', path: '/settings/region', value: 'us' }] });
      // the reference is not a change: it points to the matching target source
      expect(update.after!.sourceId).toBe('p_web');
      const created = only(result, 'destination', 'create');
      expect(created).toMatchObject({ originId: 's_mix', pending: [], dependsOn: [], reason: 'not in the target workspace' });
      expect(created.after!.sourceId).toBe('p_web');
      // the source and the filter (destinationId s_amp → p_amp) are the same
      expect(result.totals.unchanged).toBe(2);
      expect(result.gaps).toEqual([]);
    });

    it('creates a filter on a matched destination with the target ids', () => {
      const prodSame = r('destination', 'p_amp', { ...stagingAmplitude.body, sourceId: 'p_web' });
      const result = copy([stagingWeb, stagingAmplitude, stagingFilter], [prodWeb, prodSame]);
      expect(summary(result)).toEqual([`create destination-filter ${AMPLITUDE} / Drop test`]);
      const created = only(result, 'destination-filter', 'create');
      expect(created.after).toEqual({ ...stagingFilter.body, destinationId: 'p_amp', sourceId: 'p_web' });
      expect(created.pending).toEqual([]);
      expect(created.dependsOn).toEqual([]);
    });

    it('never matches by id across workspaces', () => {
      // same id, different natural key: a different source
      const result = copy([source('same_id', 'web')], [source('same_id', 'android')]);
      expect(summary(result)).toEqual(['create source web']);
      expect(result.kept).toEqual([{ kind: 'source', naturalKey: 'android', id: 'same_id' }]);
    });

    it('lets a mapping win over the natural key', () => {
      const legacy = source('p_legacy', 'web-legacy');
      const mappings = new Map([[resourceKey('source', 's_web'), 'p_legacy']]);
      const result = copy([stagingWeb, stagingAmplitude], [prodWeb, legacy], { mappings });
      const update = only(result, 'source', 'update');
      expect(update).toMatchObject({ originId: 's_web', liveId: 'p_legacy' });
      expect(update.ops).toEqual(
        expect.arrayContaining([
          { op: 'replace', path: '/slug', value: 'web' },
          { op: 'replace', path: '/name', value: 'WEB' },
        ]),
      );
      // references follow the mapping too
      expect(only(result, 'destination', 'create').after!.sourceId).toBe('p_legacy');
      expect(result.kept).toEqual([{ kind: 'source', naturalKey: 'web', id: 'p_web' }]);
    });

    it('deletes in the target only what the mapping says came from the source, unless deleteUnmapped', () => {
      const mapped = source('p_old', 'old');
      const mappings = new Map([[resourceKey('source', 's_removed'), 'p_old']]);
      const unmapped = source('p_other', 'other');
      const result = copy([stagingWeb], [prodWeb, mapped, unmapped], { allowDelete: true, mappings });
      expect(summary(result)).toEqual(['delete source old']);
      expect(only(result, 'source', 'delete').reason).toBe('not in the source workspace');
      expect(result.kept).toEqual([{ kind: 'source', naturalKey: 'other', id: 'p_other' }]);
      const all = copy([stagingWeb], [prodWeb, mapped, unmapped], { allowDelete: true, deleteUnmapped: true, mappings });
      expect(summary(all).sort()).toEqual(['delete source old', 'delete source other']);
    });

    it('writes nothing for two source resources sharing one natural key', () => {
      const twin = destination('s_amp2', 's_web', 'Amplitude');
      const result = copy([stagingWeb, stagingAmplitude, twin], [prodWeb]);
      expect(result.steps).toEqual([]);
      expect(result.gaps).toHaveLength(2);
      for (const gap of result.gaps) expect(gap).toMatchObject({ type: 'ambiguous', kind: 'destination', naturalKey: AMPLITUDE });
      expect(result.gaps[0]!.message).toContain(`several resources share the natural key '${AMPLITUDE}'`);
    });

    it('writes nothing for a source resource matching two target resources', () => {
      const result = copy([stagingWeb, stagingAmplitude], [prodWeb, prodAmplitude, destination('p_amp2', 'p_web', 'Amplitude')]);
      expect(stepsOf(result, 'destination')).toEqual([]);
      expect(result.gaps).toEqual([expect.objectContaining({ type: 'ambiguous', kind: 'destination', naturalKey: AMPLITUDE })]);
    });

    it('is not ambiguous in a restore, where ids decide', () => {
      const twin = destination('d_amp2', 'src_web', 'Amplitude');
      const same = restore([web, amplitude, twin], [web, amplitude, twin]);
      expect(same.steps).toEqual([]);
      expect(same.gaps).toEqual([]);
      const missing = restore([web, amplitude, twin], [web, amplitude]);
      expect(summary(missing)).toEqual([`create destination ${AMPLITUDE}`]);
      expect(missing.steps[0]!.originId).toBe('d_amp2');
      expect(missing.gaps).toEqual([]);
    });

    it('applies its transform before matching, so a renamed resource matches its target', () => {
      const transform = (_resource: Resource, body: JsonObject): JsonObject =>
        typeof body.slug === 'string' ? { ...body, slug: body.slug.replace('staging', 'prod'), name: 'WEB' } : body;
      const result = copy([source('s_web', 'web-staging')], [source('p_web', 'web-prod', { name: 'WEB' })], { transform });
      expect(result.steps).toEqual([]);
      expect(result.totals.unchanged).toBe(1);
    });
  });

  describe('users', () => {
    it('invites a user missing from the live workspace, with an invite gap', () => {
      const result = restore([user('u_ann', 'Ann@Example.com')], []);
      const step = only(result, 'user');
      expect(step).toMatchObject({
        action: 'invite',
        naturalKey: 'ann@example.com',
        originId: 'u_ann',
        after: { email: 'Ann@Example.com', name: 'Ann', permissions: [] },
      });
      expect(result.gaps).toEqual([
        {
          type: 'invite',
          kind: 'user',
          naturalKey: 'ann@example.com',
          message: "user 'Ann@Example.com' can only be invited again; they must accept the invitation",
        },
      ]);
      expect(result.totals).toMatchObject({ invite: 1, create: 0 });
    });

    it('plans nothing for a user with a pending invitation, and does not delete the invitation', () => {
      const invitation = r('invite', 'ann@example.com', { email: 'ann@example.com' });
      const result = restore([user('u_ann', 'ann@example.com')], [invitation], { allowDelete: true });
      expect(result.steps).toEqual([]);
      expect(result.gaps).toEqual([
        {
          type: 'invite',
          kind: 'user',
          naturalKey: 'ann@example.com',
          message: "user 'ann@example.com' has a pending invitation; they must accept it",
        },
      ]);
      expect(result.kept).toEqual([]);
    });

    it('does not take an invitation of someone else for the user', () => {
      const result = restore([user('u_ann', 'ann@example.com')], [r('invite', 'bob@example.com', { email: 'bob@example.com' })]);
      expect(only(result, 'user').action).toBe('invite');
      expect(result.kept).toEqual([{ kind: 'invite', naturalKey: 'bob@example.com', id: 'bob@example.com' }]);
    });
  });

  describe('unavailable kinds', () => {
    it('reports one feature gap per kind and plans nothing of those kinds', () => {
      const unavailableKinds = new Map([
        ['tracking-plan', 'Protocols is not enabled'],
        ['tracking-plan-rule', 'Protocols is not enabled'],
      ]);
      const plans = [
        trackingPlan('tp_main', 'Main'),
        rule('tp_main', 'Order Completed'),
        rule('tp_main', 'Signed Up'),
        trackingPlan('tp_other', 'Other'),
      ];
      const liveOnly = trackingPlan('tp_live', 'Live only');
      const result = restore([web, ...plans], [web, liveOnly], { unavailableKinds, allowDelete: true });
      expect(result.steps).toEqual([]);
      expect(result.gaps).toEqual([
        { type: 'feature', kind: 'tracking-plan', message: 'The target workspace cannot hold tracking plans: Protocols is not enabled' },
        {
          type: 'feature',
          kind: 'tracking-plan-rule',
          message: 'The target workspace cannot hold tracking plan rules: Protocols is not enabled',
        },
      ]);
      // nor deleted or kept in the target
      expect(result.kept).toEqual([]);
    });

    it('does not write children of an unavailable kind either', () => {
      const unavailableKinds = new Map([['tracking-plan', 'no Protocols']]);
      const result = restore([trackingPlan('tp_main', 'Main'), rule('tp_main', 'Order Completed')], [], { unavailableKinds });
      expect(result.steps).toEqual([]);
      expect(result.gaps.map((g) => g.type)).toEqual(['feature', 'missing-reference']);
      expect(result.gaps[1]).toMatchObject({ kind: 'tracking-plan-rule', naturalKey: 'Main / TRACK / Order Completed / v1' });
    });
  });

  describe('secrets', () => {
    const VALUE = 'sup3r-s3cret-api-key';
    const masked = destination('d_amp', 'src_web', 'Amplitude', { settings: { apiKey: SECRET_UNKNOWN, region: 'eu' } });

    it('reports a masked secret of a resource to create as missing', () => {
      const result = restore([web, masked], [web]);
      const step = only(result, 'destination', 'create');
      expect(step.secretsMissing).toEqual(['settings.apiKey']);
      expect(step.secretsSupplied).toEqual([]);
      expect(result.gaps).toEqual([
        {
          type: 'secret',
          kind: 'destination',
          naturalKey: AMPLITUDE,
          fields: ['settings.apiKey'],
          message: "destination 'Amplitude' will be created without settings.apiKey (secret, unknown): supply them in `secrets`",
        },
      ]);
    });

    it.each([
      ['by id and dotted field', { resource: 'd_amp', field: 'settings.apiKey' }],
      ['by natural key and JSON pointer', { resource: AMPLITUDE, field: '/settings/apiKey' }],
    ])('takes a supplied secret (%s) without ever holding its value', (_how, where) => {
      const result = restore([web, masked], [web], { secrets: [{ kind: 'destination', ...where, value: VALUE }] });
      const step = only(result, 'destination', 'create');
      expect(step.after!.settings).toEqual({ apiKey: SECRET_SUPPLIED, region: 'eu' });
      expect(step.secretsSupplied).toEqual(['settings.apiKey']);
      expect(step.secretsMissing).toEqual([]);
      expect(result.gaps).toEqual([]);
      expect(JSON.stringify(result)).not.toContain(VALUE);
    });

    it('ignores a secret supplied for another resource', () => {
      const result = restore([web, masked], [web], {
        secrets: [{ kind: 'destination', resource: 'd_other', field: 'settings.apiKey', value: VALUE }],
      });
      expect(only(result, 'destination').secretsMissing).toEqual(['settings.apiKey']);
      expect(JSON.stringify(result)).not.toContain(VALUE);
    });

    it('does not update an existing resource for a secret it cannot know', () => {
      const result = restore([web, masked], [web, masked]);
      expect(result.steps).toEqual([]);
      expect(result.totals.unchanged).toBe(2);
    });

    it('updates an existing resource to set a supplied secret, showing only the marker', () => {
      const result = restore([web, masked], [web, masked], {
        secrets: [{ kind: 'destination', resource: 'd_amp', field: 'settings.apiKey', value: VALUE }],
      });
      const step = only(result, 'destination', 'update');
      expect(result.steps).toHaveLength(1);
      expect(step.ops).toEqual([{ op: 'replace', path: '/settings/apiKey', value: SECRET_SUPPLIED }]);
      expect(step.after!.settings).toEqual({ apiKey: SECRET_SUPPLIED, region: 'eu' });
      expect(step.secretsSupplied).toEqual(['settings.apiKey']);
      expect(step.reason).toBe('set settings.apiKey from the request');
      expect(JSON.stringify(result)).not.toContain(VALUE);
    });

    it('hides a supplied secret in an update that changes other fields too', () => {
      const live = destination('d_amp', 'src_web', 'Amplitude', { enabled: false, settings: { apiKey: SECRET_UNKNOWN, region: 'eu' } });
      const result = restore([web, masked], [web, live], {
        secrets: [{ kind: 'destination', resource: 'd_amp', field: 'settings.apiKey', value: VALUE }],
      });
      const step = only(result, 'destination', 'update');
      expect(step.ops).toEqual(
        expect.arrayContaining([
          { op: 'replace', path: '/enabled', value: true },
          { op: 'replace', path: '/settings/apiKey', value: SECRET_SUPPLIED },
        ]),
      );
      expect(step.reason).toBe('changed: enabled, settings.apiKey');
      expect(JSON.stringify(result)).not.toContain(VALUE);
    });
  });

  describe('tracking-plan rules', () => {
    it('merges the rules of one plan into one upsert batch after the plan is created', () => {
      const main = trackingPlan('tp_main', 'Main');
      const other = trackingPlan('tp_other', 'Other');
      const rules = [rule('tp_main', 'Order Completed'), rule('tp_main', 'Signed Up'), rule('tp_main', 'Cart Viewed')];
      const result = restore([main, other, ...rules, rule('tp_other', 'Page Viewed')], []);
      expect(summary(result)).toEqual([
        'create tracking-plan Main',
        'create tracking-plan Other',
        'upsert-batch tracking-plan-rule Main',
        'upsert-batch tracking-plan-rule Other',
      ]);
      const batch = result.steps[2]!;
      expect(batch).toMatchObject({ displayName: '3 tracking plan rules', reason: 'create 3', dependsOn: [1] });
      expect(batch.items!.map((i) => i.originId).sort()).toEqual(rules.map((x) => x.id).sort());
      for (const item of batch.items!) {
        expect(item.after!.trackingPlanId).toBe('$new:1');
        expect(item.pending).toEqual([{ pointer: '/trackingPlanId', step: 1 }]);
        expect(item.liveId).toBeUndefined();
      }
      expect(result.steps[3]!.items).toHaveLength(1);
      expect(result.steps[3]!.dependsOn).toEqual([2]);
      expect(result.totals).toMatchObject({ create: 2, 'upsert-batch': 2 });
    });

    it('merges the deletes of rules of a plan that stays into one delete batch', () => {
      const main = trackingPlan('tp_main', 'Main');
      const kept = rule('tp_main', 'Order Completed');
      const extra = [rule('tp_main', 'Old One'), rule('tp_main', 'Old Two')];
      const result = restore([main, kept], [main, kept, ...extra], { allowDelete: true });
      expect(result.steps).toHaveLength(1);
      const batch = only(result, 'tracking-plan-rule', 'delete-batch');
      expect(batch).toMatchObject({ reason: 'delete 2', naturalKey: 'Main', dependsOn: [] });
      expect(batch.items!.map((i) => i.liveId).sort()).toEqual(extra.map((x) => x.id).sort());
      for (const item of batch.items!) expect(item.after).toBeUndefined();
      expect(result.totals).toMatchObject({ 'delete-batch': 1, delete: 0, unchanged: 2 });
    });

    it('plans no rule delete when their plan is deleted: they go with it', () => {
      const result = restore([], [trackingPlan('tp_old', 'Old'), rule('tp_old', 'A'), rule('tp_old', 'B')], { allowDelete: true });
      expect(summary(result)).toEqual(['delete tracking-plan Old']);
    });

    it('merges creates and updates of rules of an existing plan into one batch', () => {
      const main = trackingPlan('tp_main', 'Main');
      const changed = rule('tp_main', 'Order Completed', { jsonSchema: { properties: { total: { type: 'string' } } } });
      const result = restore([main, rule('tp_main', 'Order Completed'), rule('tp_main', 'Signed Up')], [main, changed]);
      expect(result.steps).toHaveLength(1);
      const batch = only(result, 'tracking-plan-rule', 'upsert-batch');
      expect(batch).toMatchObject({ reason: 'create 1, update 1', dependsOn: [], naturalKey: 'Main' });
      expect(batch.items!.find((i) => i.liveId)).toMatchObject({ liveId: 'tp_main|TRACK|Order Completed|1', before: changed.body });
      expect(batch.items!.find((i) => !i.liveId)).toMatchObject({ originId: 'tp_main|TRACK|Signed Up|1' });
    });
  });

  describe('labels', () => {
    const labelled = source('src_web', 'web', { labels: [{ key: 'env', value: 'prod' }] });

    it('creates a label before the source using it, without rewriting the reference', () => {
      const result = restore([label, labelled], []);
      expect(summary(result)).toEqual(['create label env:prod', 'create source web']);
      const step = only(result, 'source');
      expect(step.dependsOn).toEqual([1]);
      expect(step.pending).toEqual([]);
      expect(step.after!.labels).toEqual([{ key: 'env', value: 'prod' }]);
    });

    it('does not make the source wait when the label exists', () => {
      const result = copy([label, labelled], [label]);
      expect(summary(result)).toEqual(['create source web']);
      expect(result.steps[0]!.dependsOn).toEqual([]);
      expect(result.steps[0]!.after!.labels).toEqual([{ key: 'env', value: 'prod' }]);
    });
  });

  it('numbers a larger mixed plan 1…n with dependencies on earlier steps only', () => {
    const source_ = [
      workspace,
      label,
      source('src_web', 'web', { labels: [{ key: 'env', value: 'prod' }] }),
      ios,
      amplitude,
      dropTest,
      sample,
      trackingPlan('tp_main', 'Main'),
      rule('tp_main', 'A'),
      rule('tp_main', 'B'),
      user('u_ann', 'ann@example.com'),
    ];
    const live = [
      workspace,
      source('src_old', 'old'),
      destination('d_old', 'src_old', 'Braze'),
      filter('f_old', 'd_old', 'src_old', 'X'),
      r('source', 'src_ios', { ...ios.body, enabled: false }),
    ];
    const result = restore(source_, live, { allowDelete: true });
    // checked() verified the numbering; also every step is one of these, once
    expect(result.steps.map((s) => s.index)).toEqual(result.steps.map((_, i) => i + 1));
    expect(summary(result)).toEqual([
      'create label env:prod',
      'update source ios',
      'create source web',
      'create tracking-plan Main',
      'upsert-batch tracking-plan-rule Main',
      `create destination ${AMPLITUDE}`,
      `create destination-filter ${AMPLITUDE} / Drop test`,
      `create destination-filter ${AMPLITUDE} / Sample`,
      'invite user ann@example.com',
      'delete destination old / braze-meta / Braze',
      'delete source old',
    ]);
    expect(result.totals).toEqual({ create: 6, update: 1, delete: 2, invite: 1, 'upsert-batch': 1, 'delete-batch': 0, unchanged: 0 });
  });
});

describe('updates that replace an object whole', () => {
  const fn = r('function', 'ifnd_1', {
    resourceType: 'INSERT_DESTINATION',
    displayName: 'Scrub',
    catalogId: 'cat1',
    code: '',
    settings: [],
  });
  const web = source('src_web', 'web');
  const amp = destination('d_amp', 'src_web', 'Amplitude');
  const instance = (enabled: boolean) =>
    r('insert-function-instance', 'ifi_1', {
      functionId: 'cat1',
      integrationId: 'd_amp',
      enabled,
      name: 'Scrubber',
      settings: { region: 'eu', apiKey: SECRET_UNKNOWN },
    });

  it('warns that an insert-function instance update clears a secret the backup does not know', () => {
    const result = restore([fn, web, amp, instance(true)], [fn, web, amp, instance(false)]);
    const step = only(result, 'insert-function-instance', 'update');
    expect(step.secretsMissing).toEqual(['settings.apiKey']);
    expect(result.gaps).toEqual([
      expect.objectContaining({
        type: 'secret',
        kind: 'insert-function-instance',
        fields: ['settings.apiKey'],
        message: expect.stringMatching(/will be cleared unless supplied/),
      }),
    ]);
  });

  it('warns about nothing once the secret is supplied', () => {
    const result = restore([fn, web, amp, instance(true)], [fn, web, amp, instance(false)], {
      secrets: [{ kind: 'insert-function-instance', resource: 'ifi_1', field: 'settings.apiKey', value: 'v' }],
    });
    expect(only(result, 'insert-function-instance', 'update').secretsMissing).toEqual([]);
    expect(result.gaps).toEqual([]);
  });
});
