import { defineKind, normalizePermissions, permissionReferences, str } from './helpers';

const sortedStrings = (value: unknown): string[] => [...((value as string[] | undefined) ?? [])].sort();

/** User groups with their permissions, members and pending invites (read per group). */
export const userGroupKind = defineKind({
  kind: 'user-group',
  label: 'user group',
  list: {
    path: '/groups',
    itemsKey: 'userGroups',
    paginated: true,
    attachments: [
      { field: 'members', path: '/groups/{id}/users', itemsKey: 'users', pick: 'email' },
      { field: 'invites', path: '/groups/{id}/invites', itemsKey: 'emails' },
    ],
  },
  normalize: (raw) => ({ name: raw.name, permissions: normalizePermissions(raw.permissions), members: sortedStrings(raw.members), invites: sortedStrings(raw.invites) }),
  id: (raw) => str(raw.id),
  naturalKey: (body) => str(body.name),
  references: (body) => permissionReferences(body),
});

/** Users cannot be created through the API: a restore can only invite them again. */
export const userKind = defineKind({
  kind: 'user',
  label: 'user',
  list: { path: '/users', itemsKey: 'users', paginated: true },
  normalize: (raw) => ({ email: raw.email, name: raw.name ?? '', permissions: normalizePermissions(raw.permissions) }),
  id: (raw) => str(raw.id),
  naturalKey: (body) => str(body.email).toLowerCase(),
  displayName: (body) => str(body.email),
  references: (body) => permissionReferences(body),
  createOnly: ['/email'],
});

export const inviteKind = defineKind({
  kind: 'invite',
  label: 'invite',
  list: { path: '/invites', itemsKey: 'invites', paginated: true },
  normalize: (raw) => ({ email: raw.value ?? raw.email }),
  id: (_raw, body) => str(body.email),
  naturalKey: (body) => str(body.email).toLowerCase(),
  displayName: (body) => str(body.email),
  createOnly: ['/email'],
});
