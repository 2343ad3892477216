import { SeqArray } from '../engine/pagination';
import { arr, obj, readBody, str } from '../engine/validate';
import { route, RouteDef } from '../http/route';
import { conflict, validation } from '../http/sim-error';
import { InviteRecord, PermissionRecord, UserGroupRecord, UserRecord } from '../state/records';
import { userGroupView, userView } from '../state/views';
import { audit, list, queryList, SUCCESS } from './common';
import {
  addMembers,
  checkEmails,
  checkPermissions,
  findGroup,
  findUser,
  groupPermissionRoutes,
  invitePermissionSpec,
  SIXTY_PER_MINUTE,
  userByEmail,
  userPermissionRoutes,
} from './iam-rules';

export const iamRoutes: RouteDef[] = [
  route('listRoles', 'GET /roles', (ctx) => list(ctx, 'roles', ctx.ws.roles, 'roles', (rec) => rec)),
  route('listUserGroups', 'GET /groups', (ctx) =>
    list(ctx, 'userGroups', ctx.ws.userGroups, 'groups', (rec) => userGroupView(ctx.ws, rec)),
  ),
  route('createUserGroup', 'POST /groups', { rateLimit: SIXTY_PER_MINUTE }, (ctx) => {
    const { name } = readBody<{ name: string }>(ctx.body, { name: str({ required: true, nonEmpty: true, max: 200 }) });
    if (ctx.ws.userGroups.values().some((g) => g.name === name)) throw conflict(`A User Group named '${name}' already exists.`, 'name');
    const rec: UserGroupRecord = { id: ctx.ws.ids.base62(), name, permissions: [], memberEmails: [], inviteEmails: [] };
    ctx.ws.userGroups.set(rec.id, rec);
    audit(ctx, 'User Group Created', 'user_group', rec.id, rec.name);
    return { data: { userGroup: userGroupView(ctx.ws, rec) } };
  }),
  route('getUserGroup', 'GET /groups/:userGroupId', (ctx) => ({ data: { userGroup: userGroupView(ctx.ws, findGroup(ctx)) } })),
  route('updateUserGroup', 'PATCH /groups/:userGroupId', { rateLimit: SIXTY_PER_MINUTE }, (ctx) => {
    const rec = findGroup(ctx);
    const { name } = readBody<{ name: string }>(ctx.body, { name: str({ required: true, nonEmpty: true, max: 200 }) });
    if (ctx.ws.userGroups.values().some((g) => g.name === name && g.id !== rec.id))
      throw conflict(`A User Group named '${name}' already exists.`, 'name');
    rec.name = name;
    audit(ctx, 'User Group Updated', 'user_group', rec.id, rec.name);
    return { data: { userGroup: userGroupView(ctx.ws, rec) } };
  }),
  route('deleteUserGroup', 'DELETE /groups/:userGroupId', { rateLimit: SIXTY_PER_MINUTE }, (ctx) => {
    const rec = findGroup(ctx);
    ctx.ws.userGroups.delete(rec.id);
    for (const invite of ctx.ws.invites.values()) invite.groupIds = invite.groupIds.filter((id) => id !== rec.id);
    audit(ctx, 'User Group Deleted', 'user_group', rec.id, rec.name);
    return SUCCESS;
  }),
  route('listUsersFromUserGroup', 'GET /groups/:userGroupId/users', (ctx) => {
    const rec = findGroup(ctx);
    const users = rec.memberEmails.map((email) => userByEmail(ctx, email)).filter((u): u is UserRecord => u !== undefined);
    return list(ctx, 'users', SeqArray.of(users), `group-users:${rec.id}`, (u) => userView(ctx.ws, u, false));
  }),
  route('listInvitesFromUserGroup', 'GET /groups/:userGroupId/invites', (ctx) => {
    const rec = findGroup(ctx);
    return list(ctx, 'emails', SeqArray.of(rec.inviteEmails), `group-invites:${rec.id}`, (email) => email);
  }),
  route('addUsersToUserGroup', 'POST /groups/:userGroupId/users', { rateLimit: SIXTY_PER_MINUTE }, (ctx) => {
    const rec = findGroup(ctx);
    const { emails } = readBody<{ emails: string[] }>(ctx.body, { emails: arr(str(), { required: true, nonEmpty: true }) });
    checkEmails(emails, 'emails');
    addMembers(ctx, rec, emails);
    audit(ctx, 'User Group Updated', 'user_group', rec.id, rec.name);
    return { data: { userGroup: userGroupView(ctx.ws, rec) } };
  }),
  route('replaceUsersInUserGroup', 'PUT /group/:userGroupId/users', { rateLimit: SIXTY_PER_MINUTE }, (ctx) => {
    const rec = findGroup(ctx);
    const { emails } = readBody<{ emails: string[] }>(ctx.body, { emails: arr(str(), { required: true }) });
    checkEmails(emails, 'emails');
    rec.memberEmails = [];
    rec.inviteEmails = [];
    for (const invite of ctx.ws.invites.values()) invite.groupIds = invite.groupIds.filter((id) => id !== rec.id);
    addMembers(ctx, rec, emails);
    audit(ctx, 'User Group Updated', 'user_group', rec.id, rec.name);
    return { data: { userGroup: userGroupView(ctx.ws, rec) } };
  }),
  route('removeUsersFromUserGroup', 'DELETE /group/:userGroupId/users', { rateLimit: SIXTY_PER_MINUTE }, (ctx) => {
    const rec = findGroup(ctx);
    const emails = queryList(ctx, 'emails');
    rec.memberEmails = rec.memberEmails.filter((email) => !emails.includes(email));
    rec.inviteEmails = rec.inviteEmails.filter((email) => !emails.includes(email));
    audit(ctx, 'Group Memberships Deleted', 'user_group', rec.id, rec.name);
    return SUCCESS;
  }),
  ...groupPermissionRoutes,
  route('listUsers', 'GET /users', (ctx) => list(ctx, 'users', ctx.ws.users, 'users', (rec) => userView(ctx.ws, rec))),
  route('getUser', 'GET /users/:userId', (ctx) => ({ data: { user: userView(ctx.ws, findUser(ctx)) } })),
  route('listUserGroupsFromUser', 'GET /users/:userId/groups', (ctx) => {
    const user = findUser(ctx);
    const groups = ctx.ws.userGroups.values().filter((g) => g.memberEmails.includes(user.email));
    return list(ctx, 'groups', SeqArray.of(groups), `user-groups:${user.id}`, (g) => ({ id: g.id, name: g.name }));
  }),
  ...userPermissionRoutes,
  route('deleteUsers', 'DELETE /users', { rateLimit: SIXTY_PER_MINUTE }, (ctx) => {
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
  }),
  route('listInvites', 'GET /invites', (ctx) => list(ctx, 'invites', ctx.ws.invites, 'invites', (rec) => rec.email)),
  route('createInvites', 'POST /invites', { rateLimit: SIXTY_PER_MINUTE }, (ctx) => {
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
  }),
  route('deleteInvites', 'DELETE /invites', { rateLimit: SIXTY_PER_MINUTE }, (ctx) => {
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
  }),
];
