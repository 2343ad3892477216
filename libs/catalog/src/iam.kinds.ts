import { Json, JsonObject } from '@app/core';
import { defineKind, idFrom, normalizePermissions, permissionReferences, asString } from './helpers';

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
  normalize: (raw) => ({
    name: raw.name,
    permissions: normalizePermissions(raw.permissions),
    members: sortedStrings(raw.members),
    invites: sortedStrings(raw.invites),
  }),
  id: (raw) => asString(raw.id),
  naturalKey: (body) => asString(body.name),
  references: (body) => permissionReferences(body),
  // whether someone is a member or still invited depends on them, not on the configuration
  comparable: (body) => ({ name: body.name ?? null, permissions: body.permissions ?? [], people: peopleOf(body) }),
  // Pending invitations of a group follow from invites; members are people who already exist.
  write: {
    create: (desired) => ({ method: 'POST', path: '/groups', body: { name: desired.name }, rateClass: 'iam-write' }),
    created: idFrom('userGroup'),
    afterCreate: (id, desired) => [
      ...(permissionsIn(desired).length
        ? [
            {
              method: 'PUT' as const,
              path: `/groups/${id}/permissions`,
              body: { permissions: permissionsIn(desired) },
              rateClass: 'iam-write',
            },
          ]
        : []),
      ...(peopleOf(desired).length
        ? [{ method: 'PUT' as const, path: `/group/${id}/users`, body: { emails: peopleOf(desired) }, rateClass: 'iam-write' }]
        : []),
    ],
    update: (id, desired, live) => [
      ...(desired.name !== live.name
        ? [{ method: 'PATCH' as const, path: `/groups/${id}`, body: { name: desired.name }, rateClass: 'iam-write' }]
        : []),
      ...(JSON.stringify(desired.permissions) !== JSON.stringify(live.permissions)
        ? [
            {
              method: 'PUT' as const,
              path: `/groups/${id}/permissions`,
              body: { permissions: permissionsIn(desired) },
              rateClass: 'iam-write',
            },
          ]
        : []),
      ...(JSON.stringify(peopleOf(desired)) !== JSON.stringify(peopleOf(live))
        ? [{ method: 'PUT' as const, path: `/group/${id}/users`, body: { emails: peopleOf(desired) }, rateClass: 'iam-write' }]
        : []),
    ],
    delete: (id) => ({ method: 'DELETE', path: `/groups/${id}`, rateClass: 'iam-write' }),
  },
});

/**
 * Everyone in a group: members and pending invitations. Segment's membership call takes both
 * (an email without an account becomes an invitation) and replaces both.
 */
const peopleOf = (body: JsonObject): string[] => [...new Set([...sortedStrings(body.members), ...sortedStrings(body.invites)])].sort();

/** Permissions as Segment takes them: role and resources, labels only where there are some. */
function permissionsIn(body: JsonObject): JsonObject[] {
  return ((body.permissions as Array<{ roleId: string; resources: Array<{ id: string; type: string; labels?: Json[] }> }>) ?? []).map(
    (p) => ({
      roleId: p.roleId,
      resources: p.resources.map((r) => ({ id: r.id, type: r.type, ...(r.labels?.length ? { labels: r.labels } : {}) })),
    }),
  );
}

/** Users cannot be created through the API: a restore can only invite them again. */
export const userKind = defineKind({
  kind: 'user',
  label: 'user',
  list: { path: '/users', itemsKey: 'users', paginated: true },
  normalize: (raw) => ({ email: raw.email, name: raw.name ?? '', permissions: normalizePermissions(raw.permissions) }),
  id: (raw) => asString(raw.id),
  naturalKey: (body) => asString(body.email).toLowerCase(),
  displayName: (body) => asString(body.email),
  references: (body) => permissionReferences(body),
  createOnly: ['/email'],
  // The API cannot create a user: the person is invited, with the same permissions.
  write: {
    mode: 'invite',
    invitedAs: 'invite',
    create: (desired) => ({
      method: 'POST',
      path: '/invites',
      body: { invites: [{ email: desired.email, permissions: permissionsIn(desired) }] },
      rateClass: 'iam-write',
    }),
    created: (_data, desired) => ({ id: asString(desired.email) }),
    update: (id, desired, live) =>
      JSON.stringify(desired.permissions) !== JSON.stringify(live.permissions)
        ? [{ method: 'PUT', path: `/users/${id}/permissions`, body: { permissions: permissionsIn(desired) }, rateClass: 'iam-write' }]
        : [],
    delete: (id) => ({ method: 'DELETE', path: '/users', query: { userIds: [id] }, rateClass: 'iam-write' }),
  },
});

export const inviteKind = defineKind({
  kind: 'invite',
  label: 'invite',
  list: { path: '/invites', itemsKey: 'invites', paginated: true },
  normalize: (raw) => ({ email: raw.value ?? raw.email }),
  id: (_raw, body) => asString(body.email),
  naturalKey: (body) => asString(body.email).toLowerCase(),
  displayName: (body) => asString(body.email),
  createOnly: ['/email'],
  write: {
    create: (desired) => ({ method: 'POST', path: '/invites', body: { invites: [{ email: desired.email }] }, rateClass: 'iam-write' }),
    created: (_data, desired) => ({ id: asString(desired.email) }),
    delete: (_id, live) => ({ method: 'DELETE', path: '/invites', query: { emails: [live.email] }, rateClass: 'iam-write' }),
  },
});
