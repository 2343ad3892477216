import { arr, obj, readBody, str } from '../engine/validate';
import { RequestContext, route, RouteDef } from '../http/route';
import { validation } from '../http/sim-error';
import { PermissionRecord, PermissionResource, UserGroupRecord } from '../state/records';
import { permissionsView } from '../state/views';
import { audit, found } from './common';

/** What the IAM routes share: request shapes, lookups and the checks Segment makes on permissions and emails. */
export const SIXTY_PER_MINUTE = { points: 60, per: 'minute' } as const;
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
export const invitePermissionSpec = obj({
  roleId: str({ required: true, nonEmpty: true }),
  resources: arr(obj({ id: str({ required: true, nonEmpty: true }), type: str({ required: true, enum: RESOURCE_TYPES }) })),
  labels: arr(labelSpec),
});

export const findGroup = (ctx: RequestContext) =>
  found(ctx.ws.userGroups.get(ctx.params.userGroupId!), 'User Group', ctx.params.userGroupId!);
export const findUser = (ctx: RequestContext) => found(ctx.ws.users.get(ctx.params.userId!), 'User', ctx.params.userId!);
export const userByEmail = (ctx: RequestContext, email: string) => ctx.ws.users.values().find((u) => u.email === email);

/** Permissions name a role and the resources it applies to; all of them must exist. */
export function checkPermissions(
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

export function checkEmails(emails: string[], field: string): void {
  emails.forEach((email, index) => {
    if (!EMAIL.test(email)) throw validation(`${field}[${index}]`, `'${email}' is not an email address.`);
  });
}

/** Adding an email that is not a workspace user invites it to the workspace and to the group. */
export function addMembers(ctx: RequestContext, group: UserGroupRecord, emails: string[]): void {
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

export const permissionsOut = (ctx: RequestContext, permissions: PermissionRecord[]) =>
  permissionsView(ctx.ws, permissions).map(({ roleId, roleName, resources }) => ({ roleId, roleName, resources }));

/** Who holds permissions (a user group or a user), and how the audit log names it. */
interface PermissionHolder<T extends { id: string; permissions: PermissionRecord[] }> {
  /** `UserGroup` or `User`, as the operation ids spell it. */
  operationNoun: string;
  path: `/${string}`;
  auditType: string;
  find(ctx: RequestContext): T;
  auditName(holder: T): string;
}

/** `POST` adds permissions to the holder's, `PUT` replaces them: the two differ only in how they combine. */
function permissionRoutes<T extends { id: string; permissions: PermissionRecord[] }>(holder: PermissionHolder<T>): RouteDef[] {
  const write = (
    operationId: string,
    method: 'POST' | 'PUT',
    auditEvent: string,
    combine: (held: PermissionRecord[], sent: PermissionRecord[]) => PermissionRecord[],
  ) =>
    route(operationId, `${method} ${holder.path}`, { rateLimit: SIXTY_PER_MINUTE }, (ctx) => {
      const rec = holder.find(ctx);
      const { permissions } = readBody<{ permissions: PermissionRecord[] }>(ctx.body, {
        permissions: arr(permissionSpec, { required: true }),
      });
      checkPermissions(ctx, permissions, 'permissions');
      rec.permissions = combine(rec.permissions, permissions);
      audit(ctx, auditEvent, holder.auditType, rec.id, holder.auditName(rec));
      return { data: { permissions: permissionsOut(ctx, rec.permissions) } };
    });
  return [
    write(`addPermissionsTo${holder.operationNoun}`, 'POST', 'Policy Created', (held, sent) => [...held, ...sent]),
    write(`replacePermissionsFor${holder.operationNoun}`, 'PUT', 'Policy Deleted', (_held, sent) => sent),
  ];
}

export const groupPermissionRoutes = permissionRoutes({
  operationNoun: 'UserGroup',
  path: '/groups/:userGroupId/permissions',
  auditType: 'user_group',
  find: findGroup,
  auditName: (group) => group.name,
});
export const userPermissionRoutes = permissionRoutes({
  operationNoun: 'User',
  path: '/users/:userId/permissions',
  auditType: 'user',
  find: findUser,
  auditName: (user) => user.email,
});
