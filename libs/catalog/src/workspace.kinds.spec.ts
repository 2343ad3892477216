import { JsonObject, NaturalKeyContext, SECRET_UNKNOWN } from '@app/core';
import { defineKind, joinKey, omit, ref, asString, unmaskable } from './helpers';
import { SEGMENT_CATALOG } from './index';
import { credentialKind, labelKind, roleKind, workspaceKind } from './workspace.kinds';
import { MASK, ctx } from '../../../test/support/kind-fixtures';

const noRefs: NaturalKeyContext = { workspaceSlug: 'staging', ref: () => undefined };

describe('workspaceKind', () => {
  it('is one read-only resource keyed "workspace"', () => {
    const raw = { id: 'ws1', slug: 'staging', name: 'Staging' };
    const body = workspaceKind.normalize(raw, ctx);
    expect(body).toEqual(raw);
    expect(workspaceKind.id(raw, body)).toBe('ws1');
    expect(workspaceKind.naturalKey(body, noRefs)).toBe('workspace');
    expect(workspaceKind.readOnly).toBe(true);
    expect(workspaceKind.identity).toEqual(['/id', '/slug', '/name']);
  });
});

describe('roleKind', () => {
  it('keeps name and description, keyed by name', () => {
    const raw = { id: 'role_1', name: 'Workspace Owner', description: 'Everything' };
    const body = roleKind.normalize(raw, ctx);
    expect(body).toEqual({ name: 'Workspace Owner', description: 'Everything' });
    expect(roleKind.normalize({ id: 'r', name: 'X' }, ctx)).toEqual({ name: 'X', description: '' });
    expect(roleKind.id(raw, body)).toBe('role_1');
    expect(roleKind.naturalKey(body, noRefs)).toBe('Workspace Owner');
  });
});

describe('labelKind', () => {
  it('is identified by key:value and fixed at create', () => {
    const body = labelKind.normalize({ key: 'env', value: 'prod', description: 'Production' }, ctx);
    expect(body).toEqual({ key: 'env', value: 'prod', description: 'Production' });
    expect(labelKind.normalize({ key: 'env', value: 'dev' }, ctx)).toEqual({ key: 'env', value: 'dev' });
    expect(labelKind.id({}, body)).toBe('env:prod');
    expect(labelKind.naturalKey(body, noRefs)).toBe('env:prod');
    expect(labelKind.displayName(body)).toBe('env:prod');
    expect(labelKind.createOnly).toEqual(['/key', '/value', '/description']);
    expect(labelKind.list.paginated).toBe(false);
  });
});

describe('credentialKind', () => {
  // GET /credentials: secret-looking settings are masked.
  const raw: JsonObject = {
    id: 'cred_1',
    name: 'Snowflake prod',
    settings: { type: 'snowflake', account: 'acme', username: 'segment', password: MASK, privateKey: MASK },
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-02T00:00:00.000Z',
    workspaceId: 'ws1',
  };
  const body = credentialKind.normalize(raw, ctx);

  it('drops ids and timestamps and masks secrets', () => {
    expect(body).toEqual({
      name: 'Snowflake prod',
      settings: { type: 'snowflake', account: 'acme', username: 'segment', password: SECRET_UNKNOWN, privateKey: SECRET_UNKNOWN },
    });
    expect(credentialKind.id(raw, body)).toBe('cred_1');
    expect(credentialKind.naturalKey(body, noRefs)).toBe('snowflake / Snowflake prod');
    expect(credentialKind.createOnly).toEqual(['/settings/type']);
  });
});

describe('helpers', () => {
  it('unmaskable replaces masked strings at any depth and leaves other values', () => {
    expect(unmaskable({ a: MASK, b: [1, `x${MASK}`, { c: null }], d: true })).toEqual({
      a: SECRET_UNKNOWN,
      b: [1, SECRET_UNKNOWN, { c: null }],
      d: true,
    });
    expect(unmaskable({ only: MASK })).toEqual({ only: SECRET_UNKNOWN });
    expect(unmaskable({ only: 'plain' })).toEqual({ only: 'plain' });
  });

  it('omit drops the named keys and undefined values', () => {
    // a raw item read from JSON never holds undefined, but one built in code may
    const raw: JsonObject = { a: 1, b: 2, d: null };
    Reflect.set(raw, 'c', undefined);
    expect(omit(raw, ['b'])).toEqual({ a: 1, d: null });
  });

  it('asString, joinKey and ref', () => {
    expect(asString(undefined)).toBe('');
    expect(asString(null)).toBe('');
    expect(asString(3)).toBe('3');
    expect(joinKey('a', undefined, '')).toBe('a / ? / ');
    expect(ref({ x: '' }, 'x', 'source')).toEqual([]);
    expect(ref({ x: 5 }, 'x', 'source')).toEqual([]);
    expect(ref({ x: 'id' }, 'x', 'source', { optional: true })).toEqual([{ pointer: '/x', kind: 'source', value: 'id', optional: true }]);
  });

  it('defineKind fills defaults; the display name falls back through name, displayName, title, slug, email', () => {
    const k = defineKind({
      kind: 'k',
      label: 'k',
      list: { path: '/k', itemsKey: 'k', paginated: true },
      normalize: (r) => r,
      id: () => 'i',
      naturalKey: () => 'n',
    });
    expect(k.createOnly).toEqual([]);
    expect(k.secrets).toEqual([]);
    expect(k.references({})).toEqual([]);
    expect(k.displayName({ email: 'e', slug: 's' })).toBe('s');
    expect(k.displayName({ title: 't', email: 'e' })).toBe('t');
    expect(k.displayName({})).toBe('');
  });
});

describe('SEGMENT_CATALOG', () => {
  it('holds every kind once, parents before children', () => {
    const names = SEGMENT_CATALOG.names();
    expect(new Set(names).size).toBe(names.length);
    for (const definition of SEGMENT_CATALOG.kinds) {
      if (definition.parent) expect(SEGMENT_CATALOG.indexOf(definition.parent.kind)).toBeLessThan(SEGMENT_CATALOG.indexOf(definition.kind));
    }
    expect(SEGMENT_CATALOG.descendants('destination').sort()).toEqual(['destination-filter', 'destination-subscription']);
    expect(SEGMENT_CATALOG.descendants('tracking-plan').sort()).toEqual(['tracking-plan-connection', 'tracking-plan-rule']);
  });
});
