import { JsonObject, SECRET_UNKNOWN } from '@app/core';
import { warehouseConnectionKind, warehouseKind } from './warehouses.kinds';
import { MASK, ctx, keys } from '../../../test/support/kind-fixtures';

/** A Postgres warehouse as GET /warehouses returns it: the password is omitted, not masked. */
const rawWarehouse: JsonObject = {
  id: 'wh_8HnKq2LmP4rS6tV8xZ0bD2',
  metadata: {
    id: 'aea3c4f2Xz',
    name: 'Postgres',
    slug: 'postgres',
    description: 'Open source relational database',
    logos: { default: 'x' },
    options: [
      { name: 'hostname', type: 'string', required: true, label: 'Hostname' },
      { name: 'port', type: 'string', required: true, label: 'Port' },
      { name: 'database', type: 'string', required: true, label: 'Database' },
      { name: 'username', type: 'string', required: true, label: 'Username' },
      { name: 'password', type: 'string', required: true, label: 'Password' },
      { name: 'schemaPrefix', type: 'string', required: false, label: 'Schema prefix' },
    ],
  },
  workspaceId: 'ws1',
  enabled: true,
  settings: { name: 'Analytics DB', hostname: 'db.example.com', port: '5432', database: 'analytics', username: 'segment', sshKey: MASK },
};

describe('warehouseKind', () => {
  const body = warehouseKind.normalize(rawWarehouse, ctx);

  it('reduces metadata to its id, masks secrets and records omitted required options as secrets', () => {
    expect(body).toEqual({
      metadataId: 'aea3c4f2Xz',
      enabled: true,
      settings: {
        name: 'Analytics DB',
        hostname: 'db.example.com',
        port: '5432',
        database: 'analytics',
        username: 'segment',
        sshKey: SECRET_UNKNOWN,
        password: SECRET_UNKNOWN,
      },
    });
  });

  it('does not invent optional settings, nor overwrite present ones', () => {
    expect(body.settings).not.toHaveProperty('schemaPrefix');
    const withPassword = warehouseKind.normalize(
      { ...rawWarehouse, settings: { ...(rawWarehouse.settings as JsonObject), password: 'visible?' } },
      ctx,
    );
    expect((withPassword.settings as JsonObject).password).toBe('visible?');
  });

  it('does not modify the raw settings', () => {
    expect(rawWarehouse.settings).not.toHaveProperty('password');
    expect((rawWarehouse.settings as JsonObject).sshKey).toBe(MASK);
  });

  it('works without metadata options, and with a bare metadataId', () => {
    expect(warehouseKind.normalize({ id: 'w', metadataId: 'm', enabled: false }, ctx)).toEqual({
      metadataId: 'm',
      enabled: false,
      settings: {},
    });
  });

  it('id, natural key (catalog id + name from settings) and display name', () => {
    expect(warehouseKind.id(rawWarehouse, body)).toBe('wh_8HnKq2LmP4rS6tV8xZ0bD2');
    expect(warehouseKind.naturalKey(body, keys({}))).toBe('aea3c4f2Xz / Analytics DB');
    expect(warehouseKind.displayName(body)).toBe('Analytics DB');
  });

  it('refers to a credential from its settings', () => {
    expect(warehouseKind.references(body)).toEqual([]);
    const withCredential = warehouseKind.normalize({ ...rawWarehouse, settings: { name: 'W', credentialId: 'cred1' } }, ctx);
    expect(warehouseKind.references(withCredential)).toEqual([{ pointer: '/settings/credentialId', kind: 'credential', value: 'cred1' }]);
  });
});

describe('warehouseConnectionKind', () => {
  // GET /warehouses/{id}/connected-sources lists whole sources.
  const rawSource: JsonObject = { id: 'src1', slug: 'web', name: 'Web', enabled: true, writeKeys: [], settings: {}, labels: [] };
  const body = warehouseConnectionKind.normalize(rawSource, { workspaceSlug: 'staging', parent: rawWarehouse });

  it('is the pair of the parent warehouse and the listed source', () => {
    expect(body).toEqual({ warehouseId: 'wh_8HnKq2LmP4rS6tV8xZ0bD2', sourceId: 'src1' });
    expect(warehouseConnectionKind.id(rawSource, body)).toBe('wh_8HnKq2LmP4rS6tV8xZ0bD2|src1');
  });

  it('natural key and references', () => {
    expect(
      warehouseConnectionKind.naturalKey(body, keys({ 'warehouse:wh_8HnKq2LmP4rS6tV8xZ0bD2': 'pg / Analytics DB', 'source:src1': 'web' })),
    ).toBe('pg / Analytics DB / web');
    expect(warehouseConnectionKind.references(body)).toEqual([
      { pointer: '/warehouseId', kind: 'warehouse', value: 'wh_8HnKq2LmP4rS6tV8xZ0bD2' },
      { pointer: '/sourceId', kind: 'source', value: 'src1' },
    ]);
    expect(warehouseConnectionKind.createOnly).toEqual(['/warehouseId', '/sourceId']);
  });
});
