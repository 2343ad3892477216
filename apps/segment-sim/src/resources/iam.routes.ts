import { SeqArray } from '../engine/pagination';
import { arr, obj, readBody, str } from '../engine/validate';
import { RequestContext, route, RouteDef } from '../http/route';
import { conflict, validation } from '../http/sim-error';
import { InviteRecord, PermissionRecord, PermissionResource, UserGroupRecord, UserRecord } from '../state/records';
import { permissionsView, userGroupView, userView } from '../state/views';
import { audit, found, list, queryList, SUCCESS } from './common';

const SIXTY_PER_MINUTE = { points: 60, per: 'minute' } as const;
const RESOURCE_TYPES = ['FUNCTION', 'SOURCE', 'SPACE', 'WAREHOUSE', 'WORKSPACE'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const labelSpec = obj({ key: str({ required: true }), value: str({ required: true }), description: str() });
const permissionSpec = obj({
  roleId: str({ required: true, nonEmpty: true }),
  resources: arr(
    obj({ id: str({ required: true, nonEmpty: true }), type: str({ required: true, enum: RESOURCE_TYPES }), labels: arr(labelSpec) }),
    { required: true },
  ),
});
const invitePermissionSpec = obj({
  roleId: str({ required: true, nonEmpty: true }),
  resources: arr(obj({ id: str({ required: true, nonEmpty: true }), type: str({ required: true, enum: RESOURCE_TYPES }) })),
  labels: arr(labelSpec),
});

const findGroup = (ctx: RequestContext) => found(ctx.ws.userGroups.get(ctx.params.userGroupId!), 'User Group', ctx.params.userGroupId!);
const findUser = (ctx: RequestContext) => found(ctx.ws.users.get(ctx.params.userId!), 'User', ctx.params.userId!);
const userByEmail = (ctx: RequestContext, email: string) => ctx.ws.users.values().find((u) => u.email === email);

/** Permissions name a role and the resources it applies to; all of them must exist. */
function checkPermissions(
  ctx: RequestContext,
  permissions: Array<{ roleId: string; resources?: PermissionResource[] }>,
  field: string,
): void {
  permissions.forEach((permission, index) => {
    if (!ctx.ws.roles.has(permission.roleId)) throw validation(`${field}[${index}].roleId`, `Role '${permission.roleId}' does not exist.`);
    (permission.resources ?? []).forEach((resource, r) => {
      const at = `${field}[${index}].resources[${r}].id`;
      const exists =
        resource.type === 'WORKSPACE'
          ? resource.id === ctx.ws.id
          : resource.type === 'SOURCE'
            ? ctx.ws.sources.has(resource.id)
            : resource.type === 'WAREHOUSE'
              ? ctx.ws.warehouses.has(resource.id)
              : resource.type === 'FUNCTION'
                ? ctx.ws.functions.has(resource.id)
                : false;
      if (!exists) throw validation(at, `${resource.type} '${resource.id}' does not exist in this workspace.`);
      (resource.labels ?? []).forEach((label, l) => {
        if (!ctx.ws.labels.has(`${label.key}:${label.value}`))
          throw validation(`${field}[${index}].resources[${r}].labels[${l}]`, `Label '${label.key}:${label.value}' does not exist.`);
      });
    });
  });
}

function checkEmails(emails: string[], field: string): void {
  emails.forEach((email, index) => {
    if (!EMAIL.test(email)) throw validation(`${field}[${index}]`, `'${email}' is not an email address.`);
  });
}

/** Adding an email that is not a workspace user invites it to the workspace and to the group. */
function addMembers(ctx: RequestContext, group: UserGroupRecord, emails: string[]): void {
  for (const email of emails) {
    if (userByEmail(ctx, email)) {
      if (!group.memberEmails.includes(email)) group.memberEmails.push(email);
      continue;
    }
    const invite = ctx.ws.invites.get(email) ?? { email, permissions: [], groupIds: [] };
    if (!invite.groupIds.includes(group.id)) invite.groupIds.push(group.id);
    ctx.ws.invites.set(email, invite);
    if (!group.inviteEmails.includes(email)) group.inviteEmails.push(email);
  }
}

const permissionsOut = (ctx: RequestContext, permissions: PermissionRecord[]) =>
  permissionsView(ctx.ws, permissions).map(({ roleId, roleName, resources }) => ({ roleId, roleName, resources }));

export const iamRoutes: RouteDef[] = [
  route({
    operationId: 'listRoles',
    method: 'GET',
    path: '/roles',
    handler: (ctx) => list(ctx, 'roles', ctx.ws.roles, 'roles', (rec) => rec),
  }),
  route({
    operationId: 'listUserGroups',
    method: 'GET',
    path: '/groups',
    handler: (ctx) => list(ctx, 'userGroups', ctx.ws.userGroups, 'groups', (rec) => userGroupView(ctx.ws, rec)),
  }),
  route({
    operationId: 'createUserGroup',
    method: 'POST',
    path: '/groups',
    rateLimit: SIXTY_PER_MINUTE,
    handler: (ctx) => {
      const { name } = readBody<{ name: string }>(ctx.body, { name: str({ required: true, nonEmpty: true, max: 200 }) });
      if (ctx.ws.userGroups.values().some((g) => g.name === name)) throw conflict(`A User Group named '${name}' already exists.`, 'name');
      const rec: UserGroupRecord = { id: ctx.ws.ids.base62(), name, permissions: [], memberEmails: [], inviteEmails: [] };
      ctx.ws.userGroups.set(rec.id, rec);
      audit(ctx, 'User Group Created', 'user_group', rec.id, rec.name);
      return { data: { userGroup: userGroupView(ctx.ws, rec) } };
    },
  }),
  route({
    operationId: 'getUserGroup',
    method: 'GET',
    path: '/groups/:userGroupId',
    handler: (ctx) => ({ data: { userGroup: userGroupView(ctx.ws, findGroup(ctx)) } }),
  }),
  route({
    operationId: 'updateUserGroup',
    method: 'PATCH',
    path: '/groups/:userGroupId',
    rateLimit: SIXTY_PER_MINUTE,
    handler: (ctx) => {
      const rec = findGroup(ctx);
      const { name } = readBody<{ name: string }>(ctx.body, { name: str({ required: true, nonEmpty: true, max: 200 }) });
      if (ctx.ws.userGroups.values().some((g) => g.name === name && g.id !== rec.id))
        throw conflict(`A User Group named '${name}' already exists.`, 'name');
      rec.name = name;
      audit(ctx, 'User Group Updated', 'user_group', rec.id, rec.name);
      return { data: { userGroup: userGroupView(ctx.ws, rec) } };
    },
  }),
  route({
    operationId: 'deleteUserGroup',
    method: 'DELETE',
    path: '/groups/:userGroupId',
    rateLimit: SIXTY_PER_MINUTE,
    handler: (ctx) => {
      const rec = findGroup(ctx);
      ctx.ws.userGroups.delete(rec.id);
      for (const invite of ctx.ws.invites.values()) invite.groupIds = invite.groupIds.filter((id) => id !== rec.id);
      audit(ctx, 'User Group Deleted', 'user_group', rec.id, rec.name);
      return SUCCESS;
    },
  }),
  route({
    operationId: 'listUsersFromUserGroup',
    method: 'GET',
    path: '/groups/:userGroupId/users',
    handler: (ctx) => {
      const rec = findGroup(ctx);
      const users = rec.memberEmails.map((email) => userByEmail(ctx, email)).filter((u): u is UserRecord => u !== undefined);
      return list(ctx, 'users', SeqArray.of(users), `group-users:${rec.id}`, (u) => userView(ctx.ws, u, false));
    },
  }),
  route({
    operationId: 'listInvitesFromUserGroup',
    method: 'GET',
    path: '/groups/:userGroupId/invites',
    handler: (ctx) => {
      const rec = findGroup(ctx);
      return list(ctx, 'emails', SeqArray.of(rec.inviteEmails), `group-invites:${rec.id}`, (email) => email);
    },
  }),
  route({
    operationId: 'addUsersToUserGroup',
    method: 'POST',
    path: '/groups/:userGroupId/users',
    rateLimit: SIXTY_PER_MINUTE,
    handler: (ctx) => {
      const rec = findGroup(ctx);
      const { emails } = readBody<{ emails: string[] }>(ctx.body, { emails: arr(str(), { required: true, nonEmpty: true }) });
      checkEmails(emails, 'emails');
      addMembers(ctx, rec, emails);
      audit(ctx, 'User Group Updated', 'user_group', rec.id, rec.name);
      return { data: { userGroup: userGroupView(ctx.ws, rec) } };
    },
  }),
  route({
    operationId: 'replaceUsersInUserGroup',
    method: 'PUT',
    path: '/group/:userGroupId/users',
    rateLimit: SIXTY_PER_MINUTE,
    handler: (ctx) => {
      const rec = findGroup(ctx);
      const { emails } = readBody<{ emails: string[] }>(ctx.body, { emails: arr(str(), { required: true }) });
      checkEmails(emails, 'emails');
      rec.memberEmails = [];
      rec.inviteEmails = [];
      for (const invite of ctx.ws.invites.values()) invite.groupIds = invite.groupIds.filter((id) => id !== rec.id);
      addMembers(ctx, rec, emails);
      audit(ctx, 'User Group Updated', 'user_group', rec.id, rec.name);
      return { data: { userGroup: userGroupView(ctx.ws, rec) } };
    },
  }),
  route({
    operationId: 'removeUsersFromUserGroup',
    method: 'DELETE',
    path: '/group/:userGroupId/users',
    rateLimit: SIXTY_PER_MINUTE,
    handler: (ctx) => {
      const rec = findGroup(ctx);
      const emails = queryList(ctx, 'emails');
      rec.memberEmails = rec.memberEmails.filter((email) => !emails.includes(email));
      rec.inviteEmails = rec.inviteEmails.filter((email) => !emails.includes(email));
      audit(ctx, 'Group Memberships Deleted', 'user_group', rec.id, rec.name);
      return SUCCESS;
    },
  }),
  route({
    operationId: 'addPermissionsToUserGroup',
    method: 'POST',
    path: '/groups/:userGroupId/permissions',
    rateLimit: SIXTY_PER_MINUTE,
    handler: (ctx) => {
      const rec = findGroup(ctx);
      const { permissions } = readBody<{ permissions: PermissionRecord[] }>(ctx.body, {
        permissions: arr(permissionSpec, { required: true }),
      });
      checkPermissions(ctx, permissions, 'permissions');
      rec.permissions = [...rec.permissions, ...permissions];
      audit(ctx, 'Policy Created', 'user_group', rec.id, rec.name);
      return { data: { permissions: permissionsOut(ctx, rec.permissions) } };
    },
  }),
  route({
    operationId: 'replacePermissionsForUserGroup',
    method: 'PUT',
    path: '/groups/:userGroupId/permissions',
    rateLimit: SIXTY_PER_MINUTE,
    handler: (ctx) => {
      const rec = findGroup(ctx);
      const { permissions } = readBody<{ permissions: PermissionRecord[] }>(ctx.body, {
        permissions: arr(permissionSpec, { required: true }),
      });
      checkPermissions(ctx, permissions, 'permissions');
      rec.permissions = permissions;
      audit(ctx, 'Policy Deleted', 'user_group', rec.id, rec.name);
      return { data: { permissions: permissionsOut(ctx, rec.permissions) } };
    },
  }),
  route({
    operationId: 'listUsers',
    method: 'GET',
    path: '/users',
    handler: (ctx) => list(ctx, 'users', ctx.ws.users, 'users', (rec) => userView(ctx.ws, rec)),
  }),
  route({
    operationId: 'getUser',
    method: 'GET',
    path: '/users/:userId',
    handler: (ctx) => ({ data: { user: userView(ctx.ws, findUser(ctx)) } }),
  }),
  route({
    operationId: 'listUserGroupsFromUser',
    method: 'GET',
    path: '/users/:userId/groups',
    handler: (ctx) => {
      const user = findUser(ctx);
      const groups = ctx.ws.userGroups.values().filter((g) => g.memberEmails.includes(user.email));
      return list(ctx, 'groups', SeqArray.of(groups), `user-groups:${user.id}`, (g) => ({ id: g.id, name: g.name }));
    },
  }),
  route({
    operationId: 'addPermissionsToUser',
    method: 'POST',
    path: '/users/:userId/permissions',
    rateLimit: SIXTY_PER_MINUTE,
    handler: (ctx) => {
      const user = findUser(ctx);
      const { permissions } = readBody<{ permissions: PermissionRecord[] }>(ctx.body, {
        permissions: arr(permissionSpec, { required: true }),
      });
      checkPermissions(ctx, permissions, 'permissions');
      user.permissions = [...user.permissions, ...permissions];
      audit(ctx, 'Policy Created', 'user', user.id, user.email);
      return { data: { permissions: permissionsOut(ctx, user.permissions) } };
    },
  }),
  route({
    operationId: 'replacePermissionsForUser',
    method: 'PUT',
    path: '/users/:userId/permissions',
    rateLimit: SIXTY_PER_MINUTE,
    handler: (ctx) => {
      const user = findUser(ctx);
      const { permissions } = readBody<{ permissions: PermissionRecord[] }>(ctx.body, {
        permissions: arr(permissionSpec, { required: true }),
      });
      checkPermissions(ctx, permissions, 'permissions');
      user.permissions = permissions;
      audit(ctx, 'Policy Deleted', 'user', user.id, user.email);
      return { data: { permissions: permissionsOut(ctx, user.permissions) } };
    },
  }),
  route({
    operationId: 'deleteUsers',
    method: 'DELETE',
    path: '/users',
    rateLimit: SIXTY_PER_MINUTE,
    handler: (ctx) => {
      const ids = queryList(ctx, 'userIds');
      const users = ids.map((id, index) => {
        const user = ctx.ws.users.get(id);
        if (!user) throw validation(`userIds[${index}]`, `User '${id}' does not exist in this workspace.`);
        return user;
      });
      for (const user of users) {
        ctx.ws.users.delete(user.id);
        for (const group of ctx.ws.userGroups.values()) group.memberEmails = group.memberEmails.filter((e) => e !== user.email);
        audit(ctx, 'Group Memberships Deleted', 'user', user.id, user.email);
      }
      return SUCCESS;
    },
  }),
  route({
    operationId: 'listInvites',
    method: 'GET',
    path: '/invites',
    handler: (ctx) => list(ctx, 'invites', ctx.ws.invites, 'invites', (rec) => rec.email),
  }),
  route({
    operationId: 'createInvites',
    method: 'POST',
    path: '/invites',
    rateLimit: SIXTY_PER_MINUTE,
    handler: (ctx) => {
      const { invites } = readBody<{ invites: Array<Omit<InviteRecord, 'groupIds'>> }>(ctx.body, {
        invites: arr(obj({ email: str({ required: true, nonEmpty: true }), permissions: arr(invitePermissionSpec) }), {
          required: true,
          nonEmpty: true,
        }),
      });
      invites.forEach((invite, index) => {
        checkEmails([invite.email], `invites[${index}].email`);
        if (userByEmail(ctx, invite.email))
          throw conflict(`'${invite.email}' is already a member of this workspace.`, `invites[${index}].email`);
        checkPermissions(ctx, (invite.permissions ?? []) as PermissionRecord[], `invites[${index}].permissions`);
      });
      for (const invite of invites) {
        const existing = ctx.ws.invites.get(invite.email);
        ctx.ws.invites.set(invite.email, {
          email: invite.email,
          permissions: invite.permissions ?? [],
          groupIds: existing?.groupIds ?? [],
        });
        audit(ctx, 'Invite Sent', 'invite', invite.email, invite.email);
      }
      return { data: { emails: invites.map((i) => i.email) } };
    },
  }),
  route({
    operationId: 'deleteInvites',
    method: 'DELETE',
    path: '/invites',
    rateLimit: SIXTY_PER_MINUTE,
    handler: (ctx) => {
      const emails = queryList(ctx, 'emails');
      emails.forEach((email, index) => {
        if (!ctx.ws.invites.has(email)) throw validation(`emails[${index}]`, `There is no pending invite for '${email}'.`);
      });
      for (const email of emails) {
        ctx.ws.invites.delete(email);
        for (const group of ctx.ws.userGroups.values()) group.inviteEmails = group.inviteEmails.filter((e) => e !== email);
        audit(ctx, 'Invite Deleted', 'invite', email, email);
      }
      return SUCCESS;
    },
  }),
];
