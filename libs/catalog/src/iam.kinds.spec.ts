import { JsonObject, NaturalKeyContext } from '@app/core';
import { normalizePermissions, permissionReferences } from './helpers';
import { inviteKind, userGroupKind, userKind } from './iam.kinds';
import { ctx } from '../../../test/support/kind-fixtures';

const noRefs: NaturalKeyContext = { workspaceSlug: 'staging', ref: () => undefined };

/** Permissions as Segment returns them: with the derived role name, labels in any order. */
const rawPermissions: JsonObject[] = [
  {
    roleId: 'role_admin',
    roleName: 'Source Admin',
    resources: [
      {
        id: 'src1',
        type: 'SOURCE',
        labels: [
          { key: 'team', value: 'growth', description: 'Growth' },
          { key: 'env', value: 'prod' },
        ],
      },
      { id: 'ws1', type: 'WORKSPACE', labels: [] },
      { id: 'space1', type: 'SPACE' },
    ],
  },
  { roleId: 'role_read', roleName: 'Workspace Member', resources: [{ id: 'wh1', type: 'WAREHOUSE', labels: [] }] },
];

describe('normalizePermissions', () => {
  it('drops role names and label descriptions, sorts labels, keeps resource order', () => {
    expect(normalizePermissions(rawPermissions)).toEqual([
      {
        roleId: 'role_admin',
        resources: [
          {
            id: 'src1',
            type: 'SOURCE',
            labels: [
              { key: 'env', value: 'prod' },
              { key: 'team', value: 'growth' },
            ],
          },
          { id: 'ws1', type: 'WORKSPACE', labels: [] },
          { id: 'space1', type: 'SPACE', labels: [] },
        ],
      },
      { roleId: 'role_read', resources: [{ id: 'wh1', type: 'WAREHOUSE', labels: [] }] },
    ]);
  });

  it('treats a missing value as no permissions', () => {
    expect(normalizePermissions(undefined)).toEqual([]);
    expect(normalizePermissions('nonsense')).toEqual([]);
    expect(normalizePermissions([{ roleId: 'r' }])).toEqual([{ roleId: 'r', resources: [] }]);
  });
});

describe('permissionReferences', () => {
  it('points at roles, known resource types and labels', () => {
    const body: JsonObject = { permissions: normalizePermissions(rawPermissions) };
    expect(permissionReferences(body)).toEqual([
      { pointer: '/permissions/0/roleId', kind: 'role', value: 'role_admin' },
      { pointer: '/permissions/0/resources/0/id', kind: 'source', value: 'src1' },
      { pointer: '/permissions/0/resources/0/labels/0', kind: 'label', value: 'env:prod', stable: true },
      { pointer: '/permissions/0/resources/0/labels/1', kind: 'label', value: 'team:growth', stable: true },
      { pointer: '/permissions/0/resources/1/id', kind: 'workspace', value: 'ws1' },
      // SPACE is not a kind the product backs up: no reference.
      { pointer: '/permissions/1/roleId', kind: 'role', value: 'role_read' },
      { pointer: '/permissions/1/resources/0/id', kind: 'warehouse', value: 'wh1' },
    ]);
    expect(permissionReferences({})).toEqual([]);
  });
});

describe('userGroupKind', () => {
  // GET /groups, with the members (users' emails) and invites attached by the reader.
  const raw: JsonObject = {
    id: 'grp_1',
    name: 'Analysts',
    memberCount: 3,
    permissions: rawPermissions,
    members: ['zoe@example.com', 'adam@example.com', 'mia@example.com'],
    invites: ['new2@example.com', 'new1@example.com'],
  };
  const body = userGroupKind.normalize(raw, ctx);

  it('sorts members and invites, drops the member count and normalizes permissions', () => {
    expect(body).toEqual({
      name: 'Analysts',
      permissions: normalizePermissions(rawPermissions),
      members: ['adam@example.com', 'mia@example.com', 'zoe@example.com'],
      invites: ['new1@example.com', 'new2@example.com'],
    });
    expect(raw.members).toEqual(['zoe@example.com', 'adam@example.com', 'mia@example.com']);
  });

  it('a group without members, invites or permissions', () => {
    expect(userGroupKind.normalize({ id: 'g', name: 'Empty' }, ctx)).toEqual({ name: 'Empty', permissions: [], members: [], invites: [] });
  });

  it('id, natural key and references', () => {
    expect(userGroupKind.id(raw, body)).toBe('grp_1');
    expect(userGroupKind.naturalKey(body, noRefs)).toBe('Analysts');
    expect(userGroupKind.references(body)).toHaveLength(7);
    expect(userGroupKind.list.attachments?.map((a) => a.field)).toEqual(['members', 'invites']);
  });
});

describe('userKind', () => {
  const raw: JsonObject = { id: 'usr_1', name: 'Ada', email: 'Ada@Example.com', permissions: rawPermissions };
  const body = userKind.normalize(raw, ctx);

  it('keeps email, name and normalized permissions', () => {
    expect(body).toEqual({ email: 'Ada@Example.com', name: 'Ada', permissions: normalizePermissions(rawPermissions) });
    expect(userKind.normalize({ id: 'u', email: 'x@y.z' }, ctx)).toEqual({ email: 'x@y.z', name: '', permissions: [] });
  });

  it('is matched by lower-cased email', () => {
    expect(userKind.id(raw, body)).toBe('usr_1');
    expect(userKind.naturalKey(body, noRefs)).toBe('ada@example.com');
    expect(userKind.displayName(body)).toBe('Ada@Example.com');
    expect(userKind.createOnly).toEqual(['/email']);
  });
});

describe('inviteKind', () => {
  it('reads bare emails (as { value }) and objects with an email', () => {
    const body = inviteKind.normalize({ value: 'New@Example.com' }, ctx);
    expect(body).toEqual({ email: 'New@Example.com' });
    expect(inviteKind.normalize({ email: 'other@example.com' }, ctx)).toEqual({ email: 'other@example.com' });
    expect(inviteKind.id({ value: 'New@Example.com' }, body)).toBe('New@Example.com');
    expect(inviteKind.naturalKey(body, noRefs)).toBe('new@example.com');
    expect(inviteKind.displayName(body)).toBe('New@Example.com');
  });
});
