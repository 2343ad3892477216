// Change rules over the real catalog: where a kind's on/off switch is, how a tracking plan's rules
// find their plan, and which labels a destination inherits all come from the catalog entries.
import { evaluateRules, EventType, getAt, JsonObject, ResourceBody, SnapshotChange } from '@app/core';
import { DEFAULT_RULES_LOST_KIND, SEGMENT_CATALOG } from '.';

const normalized = (kind: string, raw: JsonObject, parent?: JsonObject): ResourceBody => {
  const definition = SEGMENT_CATALOG.get(kind);
  const body = definition.normalize(raw, { workspaceSlug: 'ws', parent });
  return { kind, id: definition.id(raw, body), body };
};
const change = (type: SnapshotChange['type'], r: ResourceBody, after?: JsonObject): SnapshotChange => ({
  type,
  kind: r.kind,
  resourceId: r.id,
  naturalKey: `${r.kind}:${r.id}`,
  before: type === EventType.ResourceCreated ? undefined : r.body,
  after: type === EventType.ResourceDeleted ? undefined : (after ?? r.body),
});

const source = normalized('source', {
  id: 'src1',
  slug: 'web',
  name: 'Web',
  enabled: true,
  metadata: { id: 'm' },
  settings: {},
  labels: [{ key: 'environment', value: 'prod' }],
});
const destination = (id: string, enabled: boolean) =>
  normalized('destination', { id, name: id, enabled, sourceId: 'src1', metadata: { id: 'meta' }, settings: {} });
const plan = normalized('tracking-plan', { id: 'tp1', name: 'Main', type: 'LIVE' });
const planRule = (key: string) =>
  normalized('tracking-plan-rule', { type: 'TRACK', key, version: 1, jsonSchema: {} }, { id: 'tp1', name: 'Main' });

describe('change rules with the Segment catalog', () => {
  it('every kind that names an on/off switch keeps it in the stored body', () => {
    const switched = SEGMENT_CATALOG.kinds.filter((k) => k.enabledPointer);
    expect(switched.map((k) => k.kind)).toEqual(expect.arrayContaining(['source', 'destination', 'warehouse']));
    expect(getAt(destination('d', false).body, SEGMENT_CATALOG.get('destination').enabledPointer!)).toBe(false);
    expect(getAt(source.body, SEGMENT_CATALOG.get('source').enabledPointer!)).toBe(true);
  });

  it('counts destinations disabled with those deleted', () => {
    const changes = [
      change(EventType.ResourceDeleted, destination('a', true)),
      change(EventType.ResourceUpdated, destination('b', true), destination('b', false).body),
      change(EventType.ResourceUpdated, destination('c', true), destination('c', false).body),
    ];
    const rule = { id: 'r', name: 'n', type: 'deleted-or-disabled' as const, params: { kind: 'destination', threshold: 2 } };
    expect(evaluateRules(SEGMENT_CATALOG, { workspaceSlug: 'ws', changes, after: [source] }, [rule])[0]?.count).toBe(3);
  });

  it("finds a tracking-plan rule's plan through the catalog (rules-lost defaults to that kind)", () => {
    expect(DEFAULT_RULES_LOST_KIND).toBe('tracking-plan-rule');
    const kept = ['a', 'b'].map(planRule);
    const lost = ['c', 'd', 'e'].map(planRule);
    const rule = { id: 'r', name: 'n', type: 'rules-lost' as const, params: { kind: DEFAULT_RULES_LOST_KIND, percent: 50 } };
    const fired = evaluateRules(
      SEGMENT_CATALOG,
      { workspaceSlug: 'ws', changes: lost.map((r) => change(EventType.ResourceDeleted, r)), after: [plan, ...kept] },
      [rule],
    );
    expect(fired[0]?.summary).toBe("tracking plan 'Main' lost 3 of its 5 tracking plan rules (60 %) — more than 50 %");
  });

  it('a destination of a source labelled environment:prod carries the label', () => {
    const rule = { id: 'r', name: 'n', type: 'label-changed' as const, params: { label: 'environment:prod' } };
    const changes = [change(EventType.ResourceCreated, destination('new', true))];
    expect(
      evaluateRules(SEGMENT_CATALOG, { workspaceSlug: 'ws', changes, after: [source, destination('new', true)] }, [rule]),
    ).toHaveLength(1);
  });
});
