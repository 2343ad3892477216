import { IllegalStateError, NotFoundError } from '../errors';
import { KindDefinition, isMaskedValue, isSecretMarker, SECRET_UNKNOWN } from './kind';
import { KindCatalog } from './kind-catalog';

const kind = (name: string, parent?: string): KindDefinition => ({
  kind: name,
  label: name,
  list: { path: `/${name}`, itemsKey: name, paginated: true },
  ...(parent ? { parent: { kind: parent } } : {}),
  normalize: (raw) => raw,
  id: (raw) => String(raw.id),
  naturalKey: (body) => String(body.name),
  displayName: (body) => String(body.name),
  references: () => [],
  createOnly: [],
  updateOnly: [],
  identity: [],
  secrets: [],
});

describe('KindCatalog', () => {
  const catalog = new KindCatalog([
    kind('source'),
    kind('destination', 'source'),
    kind('filter', 'destination'),
    kind('subscription', 'destination'),
    kind('label'),
    kind('schema', 'source'),
  ]);

  it('keeps the given order and finds kinds by name', () => {
    expect(catalog.names()).toEqual(['source', 'destination', 'filter', 'subscription', 'label', 'schema']);
    expect(catalog.get('filter').kind).toBe('filter');
    expect(catalog.has('label')).toBe(true);
    expect(catalog.has('nope')).toBe(false);
    expect(catalog.indexOf('subscription')).toBe(3);
    expect(catalog.indexOf('nope')).toBe(-1);
  });

  it('an unknown kind is a NotFoundError naming the known ones', () => {
    expect(() => catalog.get('nope')).toThrow(NotFoundError);
    try {
      catalog.get('nope');
    } catch (error) {
      expect((error as NotFoundError).message).toBe("Unknown kind 'nope'");
      expect((error as NotFoundError).details).toEqual({ kind: 'nope', known: catalog.names() });
    }
  });

  it('rejects a kind defined twice', () => {
    expect(() => new KindCatalog([kind('source'), kind('label'), kind('source')])).toThrow(IllegalStateError);
    expect(() => new KindCatalog([kind('source'), kind('source')])).toThrow("kind 'source' is defined twice");
  });

  it('rejects a child listed before its parent', () => {
    expect(() => new KindCatalog([kind('destination', 'source'), kind('source')])).toThrow(IllegalStateError);
    expect(() => new KindCatalog([kind('label'), kind('destination', 'source'), kind('source')])).toThrow(
      "kind 'destination' (#1) comes before its parent 'source'",
    );
  });

  it('rejects a parent that does not exist, or a kind that is its own parent', () => {
    expect(() => new KindCatalog([kind('filter', 'destination')])).toThrow(/comes before its parent 'destination'/);
    expect(() => new KindCatalog([kind('loop', 'loop')])).toThrow(IllegalStateError);
  });

  it('children() lists direct children only, in catalog order', () => {
    expect(catalog.children('source').map((k) => k.kind)).toEqual(['destination', 'schema']);
    expect(catalog.children('destination').map((k) => k.kind)).toEqual(['filter', 'subscription']);
    expect(catalog.children('label')).toEqual([]);
  });

  it('descendants() walks children, grandchildren and further, without the kind itself', () => {
    expect(catalog.descendants('source')).toEqual(['destination', 'filter', 'subscription', 'schema']);
    expect(catalog.descendants('destination')).toEqual(['filter', 'subscription']);
    expect(catalog.descendants('filter')).toEqual([]);
    expect(catalog.descendants('label')).toEqual([]);
  });

  it('accepts an empty catalog', () => {
    expect(new KindCatalog([]).names()).toEqual([]);
  });
});

describe('secret markers', () => {
  it('SECRET_UNKNOWN is a frozen { $secret: "unknown" }', () => {
    expect(SECRET_UNKNOWN).toEqual({ $secret: 'unknown' });
    expect(Object.isFrozen(SECRET_UNKNOWN)).toBe(true);
    expect(isSecretMarker(SECRET_UNKNOWN)).toBe(true);
    expect(isSecretMarker({ $secret: 'known' })).toBe(false);
    expect(isSecretMarker(null)).toBe(false);
    expect(isSecretMarker('unknown')).toBe(false);
  });

  it('isMaskedValue recognises Segment bullets anywhere in a string', () => {
    expect(isMaskedValue('••••••••••')).toBe(true);
    expect(isMaskedValue('abc••••')).toBe(true);
    expect(isMaskedValue('plain')).toBe(false);
    expect(isMaskedValue(['••••'])).toBe(false);
    expect(isMaskedValue(undefined)).toBe(false);
  });
});
