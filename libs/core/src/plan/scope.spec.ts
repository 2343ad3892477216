import { KindCatalog } from '../kinds';
import { contentHash, JsonObject } from '../json';
import { NaturalKeyResolver } from '../snapshot';
import { ScopeMatcher } from './scope';
import { Resource } from '../resources';
import { defineTestKind, refAt, asString } from '../kinds/test-kinds';

// A small catalog shaped like Segment's: labels, sources carrying labels, destinations on a
// source, filters and subscriptions on a destination.
const ref = refAt;

const define = defineTestKind;

const catalog = new KindCatalog([
  define({
    kind: 'label',
    naturalKey: (body) => `${asString(body.key)}:${asString(body.value)}`,
    displayName: (body) => `${asString(body.key)}:${asString(body.value)}`,
  }),
  define({
    kind: 'source',
    naturalKey: (body) => asString(body.slug),
    labels: (body) => ((body.labels as Array<{ key: string; value: string }> | undefined) ?? []).map((l) => `${l.key}:${l.value}`),
    references: (body) =>
      ((body.labels as Array<{ key: string; value: string }> | undefined) ?? []).map((l, i) => ({
        pointer: `/labels/${i}`,
        kind: 'label',
        value: `${l.key}:${l.value}`,
        stable: true,
      })),
  }),
  define({
    kind: 'destination',
    naturalKey: (body, ctx) => `${ctx.ref('source', asString(body.sourceId)) ?? '?'} / ${asString(body.name)}`,
    references: (body) => ref(body, 'sourceId', 'source'),
  }),
  define({
    kind: 'filter',
    parent: { kind: 'destination' },
    naturalKey: (body, ctx) => `${ctx.ref('destination', asString(body.destinationId)) ?? '?'} / ${asString(body.title)}`,
    displayName: (body) => asString(body.title),
    references: (body) => ref(body, 'destinationId', 'destination'),
  }),
]);

const prod = [{ key: 'env', value: 'prod' }];
const bodies: Array<[string, string, JsonObject]> = [
  ['label', 'env:prod', { key: 'env', value: 'prod' }],
  ['label', 'env:dev', { key: 'env', value: 'dev' }],
  ['source', 'src_web', { slug: 'web-prod', name: 'Web Production', labels: prod }],
  [
    'source',
    'src_ios',
    {
      slug: 'ios',
      name: 'iOS',
      labels: [
        { key: 'env', value: 'dev' },
        { key: 'team', value: 'mobile' },
      ],
    },
  ],
  ['source', 'src_bare', { slug: 'bare', name: 'Bare' }],
  ['destination', 'd_amp', { sourceId: 'src_web', name: 'Amplitude' }],
  ['destination', 'd_mix', { sourceId: 'src_ios', name: 'Mixpanel' }],
  ['destination', 'd_orphan', { sourceId: 'src_gone', name: 'Orphan' }],
  ['filter', 'f_amp', { destinationId: 'd_amp', title: 'Drop test events' }],
  ['filter', 'f_mix', { destinationId: 'd_mix', title: 'Sample' }],
];
const resolver = new NaturalKeyResolver(
  catalog,
  'staging',
  bodies.map(([kind, id, body]) => ({ kind, id, body })),
);
const resources: Resource[] = bodies.map(([kind, id, body]) => ({
  kind,
  id,
  body,
  naturalKey: resolver.naturalKey(kind, id),
  hash: contentHash(body),
}));
const find = (id: string) => resources.find((r) => r.id === id)!;

/** The ids a scope includes, in the order of `resources`. */
const included = (scope: ConstructorParameters<typeof ScopeMatcher>[1]) => {
  const matcher = new ScopeMatcher(catalog, scope);
  return resources.filter((r) => matcher.includes(r, resolver)).map((r) => r.id);
};

describe('ScopeMatcher', () => {
  it('covers everything when nothing restricts it', () => {
    expect(new ScopeMatcher(catalog).everything).toBe(true);
    expect(new ScopeMatcher(catalog, {}).everything).toBe(true);
    expect(new ScopeMatcher(catalog, { kinds: [], ids: [], names: [], labels: [] }).everything).toBe(true);
    expect(included({})).toEqual(resources.map((r) => r.id));
  });

  it('still covers everything with exclusions only (copy everything but…), while excluding them', () => {
    const scope = { exclude: { kinds: ['filter'] } };
    expect(new ScopeMatcher(catalog, scope).everything).toBe(true);
    expect(included(scope)).toEqual(resources.filter((r) => r.kind !== 'filter').map((r) => r.id));
  });

  it.each([{ kinds: ['source'] }, { ids: ['d_amp'] }, { names: ['x'] }, { labels: ['env:prod'] }])('restricts with %j', (scope) => {
    expect(new ScopeMatcher(catalog, scope).everything).toBe(false);
  });

  it('selects by kind', () => {
    expect(included({ kinds: ['destination'] })).toEqual(['d_amp', 'd_mix', 'd_orphan']);
    expect(included({ kinds: ['source', 'filter'] })).toEqual(['src_web', 'src_ios', 'src_bare', 'f_amp', 'f_mix']);
  });

  it('selects by id', () => {
    expect(included({ ids: ['d_amp', 'src_ios'] })).toEqual(['src_ios', 'd_amp']);
    expect(included({ ids: ['nope'] })).toEqual([]);
  });

  it('selects by a glob on the natural key', () => {
    // the destination's natural key is 'web-prod / Amplitude', its filter's 'web-prod / Amplitude / Drop test events'
    expect(included({ names: ['web-prod*'] })).toEqual(['src_web', 'd_amp', 'f_amp']);
    expect(included({ names: ['*/ amplitude'] })).toEqual(['d_amp']);
  });

  it('selects by a glob on the display name', () => {
    expect(included({ names: ['Web Production'] })).toEqual(['src_web']);
    expect(included({ names: ['*events'] })).toEqual(['f_amp']);
    expect(included({ names: ['mixpanel'] })).toEqual(['d_mix']);
  });

  it('takes a resource when any of several names matches', () => {
    expect(included({ names: ['ios', 'bare'] })).toEqual(['src_ios', 'src_bare']);
  });

  it('selects by a label a resource carries', () => {
    expect(included({ labels: ['team:mobile'], kinds: ['source'] })).toEqual(['src_ios']);
  });

  it('selects what hangs off a labelled source by the label it inherits (through one or two references)', () => {
    expect(included({ labels: ['env:prod'] })).toEqual(['src_web', 'd_amp', 'f_amp']);
    expect(included({ labels: ['env:dev'] })).toEqual(['src_ios', 'd_mix', 'f_mix']);
    expect(included({ labels: ['env:prod', 'env:dev'] })).toEqual(['src_web', 'src_ios', 'd_amp', 'd_mix', 'f_amp', 'f_mix']);
  });

  it('does not take resources without the label, nor labels themselves nor a destination whose source is missing', () => {
    const ids = included({ labels: ['env:prod'] });
    expect(ids).not.toContain('src_bare');
    expect(ids).not.toContain('env:prod');
    expect(ids).not.toContain('d_orphan');
  });

  it('requires every criterion given to hold', () => {
    expect(included({ kinds: ['destination'], labels: ['env:prod'] })).toEqual(['d_amp']);
    expect(included({ kinds: ['destination'], names: ['*amplitude*'], labels: ['env:dev'] })).toEqual([]);
    expect(included({ ids: ['d_amp', 'd_mix'], names: ['Mixpanel'] })).toEqual(['d_mix']);
  });

  describe('exclusions', () => {
    it('says nothing is excluded without exclusions', () => {
      const matcher = new ScopeMatcher(catalog, { kinds: ['source'] });
      expect(resources.some((r) => matcher.excludes(r, resolver))).toBe(false);
    });

    it('excludes by kind', () => {
      const matcher = new ScopeMatcher(catalog, { exclude: { kinds: ['destination'] } });
      expect(matcher.excludes(find('d_amp'), resolver)).toBe(true);
      expect(matcher.excludes(find('src_web'), resolver)).toBe(false);
      expect(matcher.includes(find('d_amp'), resolver)).toBe(false);
    });

    it('excludes by name, on the natural key or the display name', () => {
      const matcher = new ScopeMatcher(catalog, { exclude: { names: ['ios', 'amplitude'] } });
      expect(matcher.excludes(find('src_ios'), resolver)).toBe(true); // natural key
      expect(matcher.excludes(find('d_amp'), resolver)).toBe(true); // display name
      expect(matcher.excludes(find('d_mix'), resolver)).toBe(false);
    });

    it('excludes by a label, inherited ones included', () => {
      expect(included({ exclude: { labels: ['env:dev'] } })).toEqual([
        'env:prod',
        'env:dev',
        'src_web',
        'src_bare',
        'd_amp',
        'd_orphan',
        'f_amp',
      ]);
    });

    it('wins over an inclusion', () => {
      expect(included({ kinds: ['destination'], exclude: { names: ['Mixpanel'] } })).toEqual(['d_amp', 'd_orphan']);
      expect(included({ labels: ['env:prod'], exclude: { kinds: ['filter'] } })).toEqual(['src_web', 'd_amp']);
      expect(included({ ids: ['d_amp'], exclude: { labels: ['env:prod'] } })).toEqual([]);
    });
  });

  it('matches names of a kind the catalog does not know on the natural key only', () => {
    const stranger: Resource = { kind: 'unknown', id: 'x1', naturalKey: 'stranger', hash: '', body: { name: 'Shown' } };
    const matcher = new ScopeMatcher(catalog, { names: ['stranger'] });
    expect(matcher.includes(stranger, resolver)).toBe(true);
    expect(new ScopeMatcher(catalog, { names: ['Shown'] }).includes(stranger, resolver)).toBe(false);
  });
});
