import { KindDefinition, SECRET_SUPPLIED, SECRET_UNKNOWN } from '../kinds';
import { PatchOperation } from '../history/json-patch';
import { JsonObject } from '../json';
import {
  bodyChanges,
  redactSupplied,
  supplySecrets,
  toFieldPointer,
  touchesCreateOnly,
  unknownSecrets,
  withoutUnknownSecrets,
} from './bodies';
import { SuppliedSecret } from './types';

const asString = (value: unknown) => (typeof value === 'string' ? value : '');

/** A destination-like kind: a function-like identity field, two create-only fields, masked settings. */
const definition: KindDefinition = {
  kind: 'destination',
  label: 'destination',
  list: { path: '/destinations', itemsKey: 'destinations', paginated: true },
  normalize: (raw) => raw,
  id: (raw) => asString(raw.id),
  naturalKey: (body) => asString(body.name),
  displayName: (body) => asString(body.name),
  references: () => [],
  createOnly: ['/sourceId', '/settings/type'],
  updateOnly: [],
  identity: ['/catalogId'],
  secrets: ['/settings/*'],
};

const destination = { kind: 'destination', id: 'd_amp', naturalKey: 'web / amplitude / Amplitude' };
const secret = (resource: string, field: string, value: unknown, kind = 'destination'): SuppliedSecret => ({
  kind,
  resource,
  field,
  value,
});

describe('toFieldPointer', () => {
  it('turns a dotted name into a pointer and keeps a pointer', () => {
    expect(toFieldPointer('settings.apiKey')).toBe('/settings/apiKey');
    expect(toFieldPointer('apiKey')).toBe('/apiKey');
    expect(toFieldPointer('/settings/apiKey')).toBe('/settings/apiKey');
  });
});

describe('unknownSecrets', () => {
  it('lists the pointers holding the "secret, unknown" marker, at any depth', () => {
    const body = {
      settings: { apiKey: SECRET_UNKNOWN, region: 'eu', nested: { token: SECRET_UNKNOWN } },
      list: [{ password: SECRET_UNKNOWN }],
    };
    expect(unknownSecrets(body).sort()).toEqual(['/list/0/password', '/settings/apiKey', '/settings/nested/token']);
    expect(unknownSecrets({ settings: { apiKey: SECRET_SUPPLIED } })).toEqual([]);
  });
});

describe('supplySecrets', () => {
  const body = { name: 'Amplitude', settings: { apiKey: SECRET_UNKNOWN, region: 'eu' } };

  it('sets a secret supplied for the resource by its id', () => {
    const out = supplySecrets(body, [secret('d_amp', 'settings.apiKey', 'k-123')], destination);
    expect(out.body).toEqual({ name: 'Amplitude', settings: { apiKey: 'k-123', region: 'eu' } });
    expect(out.supplied).toEqual(['settings.apiKey']);
    expect(out.pointers).toEqual(['/settings/apiKey']);
  });

  it('sets a secret supplied for the resource by its natural key', () => {
    const out = supplySecrets(body, [secret('web / amplitude / Amplitude', 'settings.apiKey', 'k-123')], destination);
    expect(out.body.settings).toEqual({ apiKey: 'k-123', region: 'eu' });
    expect(out.supplied).toEqual(['settings.apiKey']);
  });

  it('takes the field as a JSON pointer as well as a dotted name', () => {
    const dotted = supplySecrets(body, [secret('d_amp', 'settings.apiKey', 'k-123')], destination);
    const pointer = supplySecrets(body, [secret('d_amp', '/settings/apiKey', 'k-123')], destination);
    expect(pointer).toEqual(dotted);
  });

  it('sets several secrets and lists their fields sorted', () => {
    const out = supplySecrets(
      { settings: { secretKey: SECRET_UNKNOWN, apiKey: SECRET_UNKNOWN } },
      [secret('d_amp', 'settings.secretKey', 's'), secret('d_amp', '/settings/apiKey', 'a')],
      destination,
    );
    expect(out.body).toEqual({ settings: { secretKey: 's', apiKey: 'a' } });
    expect(out.supplied).toEqual(['settings.apiKey', 'settings.secretKey']);
    expect(out.pointers.sort()).toEqual(['/settings/apiKey', '/settings/secretKey']);
  });

  it('ignores secrets for other resources and for other kinds', () => {
    const others = [
      secret('d_other', 'settings.apiKey', 'x'),
      secret('d_amp', 'settings.apiKey', 'y', 'source'),
      secret('web / amplitude / Other', 'settings.apiKey', 'z'),
    ];
    const out = supplySecrets(body, others, destination);
    expect(out).toEqual({ body, supplied: [], pointers: [] });
    expect(out.body).toBe(body);
  });

  it('does not modify the body it is given', () => {
    const before = JSON.stringify(body);
    supplySecrets(body, [secret('d_amp', 'settings.apiKey', 'k-123')], destination);
    expect(JSON.stringify(body)).toBe(before);
  });

  it('matches a resource without an id by its natural key only', () => {
    const out = supplySecrets(body, [secret('d_amp', 'settings.apiKey', 'by-id'), secret('nk', 'settings.apiKey', 'by-key')], {
      kind: 'destination',
      naturalKey: 'nk',
    });
    expect(out.body.settings).toEqual({ apiKey: 'by-key', region: 'eu' });
  });
});

describe('redactSupplied', () => {
  const VALUE = 'sup3r-s3cret-value';

  it('shows a supplied field as the "supplied" marker, never the value', () => {
    const body = { name: 'Amplitude', settings: { apiKey: VALUE, region: 'eu' } };
    const out = redactSupplied(body, [], ['/settings/apiKey']);
    expect(out.body).toEqual({ name: 'Amplitude', settings: { apiKey: SECRET_SUPPLIED, region: 'eu' } });
    expect(JSON.stringify(out)).not.toContain(VALUE);
    // the body to write still holds the value; only what is shown is redacted
    expect(body.settings.apiKey).toBe(VALUE);
  });

  it('hides the value in operations on the field or below it, and leaves others alone', () => {
    const body = { settings: { apiKey: VALUE, oauth: { token: VALUE }, region: 'us' } };
    const ops: PatchOperation[] = [
      { op: 'replace', path: '/settings/apiKey', value: VALUE },
      { op: 'add', path: '/settings/oauth/token', value: VALUE },
      { op: 'replace', path: '/settings/region', value: 'us' },
      { op: 'remove', path: '/settings/old' },
    ];
    const out = redactSupplied(body, ops, ['/settings/apiKey', '/settings/oauth']);
    expect(out.ops).toEqual([
      { op: 'replace', path: '/settings/apiKey', value: SECRET_SUPPLIED },
      { op: 'add', path: '/settings/oauth/token', value: SECRET_SUPPLIED },
      { op: 'replace', path: '/settings/region', value: 'us' },
      { op: 'remove', path: '/settings/old' },
    ]);
    expect(out.body).toEqual({ settings: { apiKey: SECRET_SUPPLIED, oauth: SECRET_SUPPLIED, region: 'us' } });
    expect(JSON.stringify(out)).not.toContain(VALUE);
  });

  it('does not take a field sharing a prefix for one below the supplied field', () => {
    const ops: PatchOperation[] = [{ op: 'replace', path: '/settings/apiKeyHint', value: 'visible' }];
    expect(redactSupplied({ settings: { apiKey: VALUE, apiKeyHint: 'visible' } }, ops, ['/settings/apiKey']).ops).toEqual(ops);
  });

  it('returns body and operations unchanged when nothing was supplied', () => {
    const body = { settings: { apiKey: 'plain' } };
    const ops: PatchOperation[] = [{ op: 'replace', path: '/settings/apiKey', value: 'plain' }];
    const out = redactSupplied(body, ops, []);
    expect(out.body).toBe(body);
    expect(out.ops).toBe(ops);
  });
});

describe('withoutUnknownSecrets', () => {
  it('removes the unknown secrets and names the fields left out, sorted', () => {
    const body = {
      name: 'Amplitude',
      settings: { secretKey: SECRET_UNKNOWN, apiKey: SECRET_UNKNOWN, region: 'eu' },
      mappings: [{ token: SECRET_UNKNOWN, to: 'x' }],
    };
    const out = withoutUnknownSecrets(body);
    expect(out.body).toEqual({ name: 'Amplitude', settings: { region: 'eu' }, mappings: [{ to: 'x' }] });
    expect(out.missing).toEqual(['mappings[0].token', 'settings.apiKey', 'settings.secretKey']);
    expect(body.settings.apiKey).toBe(SECRET_UNKNOWN);
  });

  it('keeps supplied markers and plain values, and reports nothing missing when there is no marker', () => {
    const body = { settings: { apiKey: SECRET_SUPPLIED, region: 'eu' } };
    expect(withoutUnknownSecrets(body)).toEqual({ body, missing: [] });
  });
});

describe('bodyChanges', () => {
  const live: JsonObject = {
    name: 'Amplitude',
    sourceId: 'src_web',
    catalogId: 'cat_live',
    settings: { apiKey: 'live-key', region: 'eu' },
  };

  it('finds no change between equal bodies', () => {
    expect(bodyChanges(definition, live, { ...live })).toEqual([]);
  });

  it('ignores the resource\u2019s own identity fields', () => {
    expect(bodyChanges(definition, live, { ...live, catalogId: 'cat_other_workspace' })).toEqual([]);
    const { catalogId: _notKnownYet, ...withoutCatalogId } = live;
    expect(bodyChanges(definition, withoutCatalogId, live)).toEqual([]);
  });

  it('ignores a secret the desired body does not know', () => {
    const desired = { ...live, settings: { apiKey: SECRET_UNKNOWN, region: 'eu' } };
    expect(bodyChanges(definition, live, desired)).toEqual([]);
  });

  it('ignores an unknown secret but still reports the other changes', () => {
    const desired = { ...live, name: 'Amplitude EU', settings: { apiKey: SECRET_UNKNOWN, region: 'us' } };
    expect(bodyChanges(definition, live, desired)).toEqual([
      { op: 'replace', path: '/name', value: 'Amplitude EU' },
      { op: 'replace', path: '/settings/region', value: 'us' },
    ]);
  });

  it('reports a secret whose desired value is known', () => {
    const desired = { ...live, settings: { apiKey: 'new-key', region: 'eu' } };
    expect(bodyChanges(definition, live, desired)).toEqual([{ op: 'replace', path: '/settings/apiKey', value: 'new-key' }]);
  });

  it('reports a known value where the live body only has the marker', () => {
    const masked = { ...live, settings: { apiKey: SECRET_UNKNOWN, region: 'eu' } };
    expect(bodyChanges(definition, masked, live)).toEqual([{ op: 'replace', path: '/settings/apiKey', value: 'live-key' }]);
  });

  it('reports added and removed fields', () => {
    const { name: _name, ...unnamed } = live;
    expect(bodyChanges(definition, unnamed, live)).toEqual([{ op: 'add', path: '/name', value: 'Amplitude' }]);
    expect(bodyChanges(definition, live, unnamed)).toEqual([{ op: 'remove', path: '/name' }]);
  });
});

describe('touchesCreateOnly', () => {
  it('is true for a create-only field itself', () => {
    expect(touchesCreateOnly(definition, '/sourceId')).toBe(true);
    expect(touchesCreateOnly(definition, '/settings/type')).toBe(true);
  });

  it('is true for something inside a create-only field', () => {
    expect(touchesCreateOnly(definition, '/settings/type/variant')).toBe(true);
  });

  it('is true for a container replaced as a whole around a create-only field', () => {
    expect(touchesCreateOnly(definition, '/settings')).toBe(true);
  });

  it('is false for other fields, including siblings sharing a prefix', () => {
    expect(touchesCreateOnly(definition, '/name')).toBe(false);
    expect(touchesCreateOnly(definition, '/settings/region')).toBe(false);
    expect(touchesCreateOnly(definition, '/sourceIds')).toBe(false);
    expect(touchesCreateOnly(definition, '/settings/typeHint')).toBe(false);
  });

  it('is false for every field of a kind without create-only fields', () => {
    expect(touchesCreateOnly({ ...definition, createOnly: [] }, '/sourceId')).toBe(false);
  });
});

describe('secrets in corners', () => {
  it('hides a supplied secret inside the value of an operation on its parent', () => {
    const { ops } = redactSupplied(
      { settings: { apiKey: 'V' } },
      [{ op: 'add', path: '/settings', value: { apiKey: 'V', region: 'eu' } }],
      ['/settings/apiKey'],
    );
    expect(JSON.stringify(ops)).not.toContain('"V"');
    expect(ops).toEqual([{ op: 'add', path: '/settings', value: { apiKey: SECRET_SUPPLIED, region: 'eu' } }]);
  });

  it('drops an unknown secret that sits in an array, element and all', () => {
    const { body, missing } = withoutUnknownSecrets({ settings: { tokens: ['a', SECRET_UNKNOWN] } });
    expect(body).toEqual({ settings: { tokens: ['a'] } });
    expect(missing).toEqual(['settings.tokens[1]']);
  });

  it('creates the objects on the way to a supplied secret', () => {
    const { body, supplied } = supplySecrets(
      { name: 'x' },
      [{ kind: 'destination', resource: 'd1', field: 'settings.apiKey', value: 'V' }],
      { kind: 'destination', id: 'd1', naturalKey: 'n' },
    );
    expect(body).toEqual({ name: 'x', settings: { apiKey: 'V' } });
    expect(supplied).toEqual(['settings.apiKey']);
  });
});
