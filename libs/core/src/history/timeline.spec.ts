import { defineTestKind, asString } from '../kinds/test-kinds';
import { StoredResourceEvent, resourceTimeline } from './timeline';

const filter = defineTestKind({
  kind: 'filter',
  label: 'filter',
  naturalKey: (body) => asString(body.title),
  displayName: (body) => asString(body.title),
});
const at = (n: number) => new Date(Date.UTC(2026, 0, n));
const event = (
  version: number,
  type: StoredResourceEvent['type'],
  body: Record<string, unknown> | null,
  naturalKey = 'web / Drop bots',
): StoredResourceEvent => ({
  version,
  type,
  observedAt: at(version),
  cause: 'snapshot',
  causeId: `s${version}`,
  naturalKey,
  blobHash: body ? `h${version}` : null,
  body: body as never,
});

describe('resourceTimeline', () => {
  const events = [
    event(1, 'ResourceCreated', { title: 'Drop bots', enabled: true }),
    event(5, 'ResourceUpdated', { title: 'Drop bots', enabled: false }),
    event(7, 'NaturalKeyChanged', { title: 'Drop bots', enabled: false }, 'web-2 / Drop bots'),
    event(9, 'ResourceDeleted', null, 'web-2 / Drop bots'),
  ];
  const timeline = resourceTimeline(filter, 'f1', events);

  it('gives each event its patch from the previous body and a summary', () => {
    expect(timeline.events.map((e) => [e.version, e.patch, e.summary])).toEqual([
      [1, [], "filter 'Drop bots' created"],
      [5, [{ op: 'replace', path: '/enabled', value: false }], "filter 'Drop bots': enabled true→false"],
      [7, [], "filter 'Drop bots': natural key is now 'web-2 / Drop bots' (something it refers to was renamed)"],
      [9, [], "filter 'Drop bots' deleted"],
    ]);
  });

  it('says a deleted resource is gone, keeps its last body, and blames nothing on the deletion', () => {
    expect(timeline).toMatchObject({ exists: false, naturalKey: 'web-2 / Drop bots', body: { title: 'Drop bots', enabled: false } });
    expect(timeline.blame).toEqual({});
  });

  it('blames each field of a live resource on the version that last changed it', () => {
    const live = resourceTimeline(filter, 'f1', events.slice(0, 3));
    expect(live.exists).toBe(true);
    expect(Object.fromEntries(Object.entries(live.blame).map(([field, b]) => [field, b.version]))).toEqual({ '/enabled': 5, '/title': 1 });
  });
});
