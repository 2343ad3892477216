import { JsonObject, ReferenceOccurrence } from '@app/core';
import { changedFields, defineKind, joinKey, nonEmpty, omit, pick, settingsPatch, asString, unmaskable } from './helpers';

export const FUNCTION_TYPES = ['SOURCE', 'DESTINATION', 'INSERT_SOURCE', 'INSERT_DESTINATION', 'INSERT_TRANSFORMATION'] as const;

/**
 * Segment appends " (<workspace>)" to a destination function's display name. The stored name is
 * without it, so that it matches across workspaces and survives a round trip through restore.
 */
export function stripWorkspaceSuffix(displayName: string, workspaceSlug: string): string {
  const suffix = ` (${workspaceSlug})`;
  return displayName.endsWith(suffix) ? displayName.slice(0, -suffix.length) : displayName;
}

export const functionKind = defineKind({
  kind: 'function',
  label: 'function',
  feature: 'Functions',
  list: {
    path: '/functions',
    itemsKey: 'functions',
    paginated: true,
    variants: FUNCTION_TYPES.map((resourceType) => ({ resourceType })),
    detail: { path: '/functions/{id}', key: 'function' },
  },
  normalize: (raw, ctx) => {
    const body = omit(raw, [
      'id',
      'createdAt',
      'createdBy',
      'deployedAt',
      'previewWebhookUrl',
      'isLatestVersion',
      'workspaceId',
      'buildpack',
    ]);
    if (raw.resourceType === 'DESTINATION') body.displayName = stripWorkspaceSuffix(asString(raw.displayName), ctx.workspaceSlug);
    return unmaskable(body);
  },
  id: (raw) => asString(raw.id),
  naturalKey: (body) => joinKey(asString(body.resourceType), asString(body.displayName)),
  displayName: (body) => asString(body.displayName),
  createOnly: ['/resourceType'],
  identity: ['/catalogId'],
  write: {
    create: (desired) => ({
      method: 'POST',
      path: '/functions',
      body: pick(desired, ['code', 'displayName', 'resourceType', 'settings', 'description', 'logoUrl']),
    }),
    created: (data) => {
      const fn = (data.function ?? {}) as JsonObject;
      return { id: asString(fn.id), identity: { catalogId: asString(fn.catalogId) } };
    },
    update: (id, desired, live) => {
      const body = changedFields(desired, live, ['code', 'displayName', 'settings', 'description', 'logoUrl']);
      return nonEmpty(body) ? [{ method: 'PATCH', path: `/functions/${id}`, body }] : [];
    },
    delete: (id) => ({ method: 'DELETE', path: `/functions/${id}` }),
  },
});

/**
 * An insert function attached to a destination or a source. It names its function by catalog id
 * (the id without its prefix) and its integration by id. Segment lists them per insert function
 * (`functionId` is a required query parameter), by that catalog id.
 */
export const insertFunctionInstanceKind = defineKind({
  kind: 'insert-function-instance',
  label: 'insert function instance',
  enabledPointer: '/enabled',
  feature: 'Functions',
  list: {
    path: '/insert-function-instances',
    itemsKey: 'instances',
    paginated: true,
    per: {
      kind: 'function',
      when: (fn) => asString(fn.resourceType).startsWith('INSERT_'),
      query: (fn) => ({ functionId: asString(fn.catalogId) }),
    },
  },
  normalize: (raw) => {
    const settings = { ...((raw.settings as JsonObject | undefined) ?? {}), ...((raw.encryptedSettings as JsonObject | undefined) ?? {}) };
    const body: JsonObject = {
      functionId: raw.classId ?? raw.functionId,
      integrationId: raw.integrationId,
      enabled: raw.enabled,
      settings: unmaskable(settings),
    };
    if (raw.name !== undefined) body.name = raw.name;
    return body;
  },
  id: (raw) => asString(raw.id),
  naturalKey: (body, ctx) =>
    joinKey(
      ctx.ref('function', asString(body.functionId), 'catalogId'),
      ctx.ref('destination', asString(body.integrationId)) ?? ctx.ref('source', asString(body.integrationId)),
      asString(body.name),
    ),
  references: (body): ReferenceOccurrence[] => [
    { pointer: '/functionId', kind: 'function', value: asString(body.functionId), by: 'catalogId' },
    { pointer: '/integrationId', kind: 'destination', value: asString(body.integrationId), optional: true },
    { pointer: '/integrationId', kind: 'source', value: asString(body.integrationId), optional: true },
  ],
  createOnly: ['/functionId', '/integrationId'],
  secrets: ['/settings/*'],
  write: {
    create: (desired) => ({
      method: 'POST',
      path: '/insert-function-instances',
      body: {
        ...pick(desired, ['functionId', 'integrationId', 'enabled']),
        name: asString(desired.name),
        settings: desired.settings ?? {},
      },
      version: 'v1alpha',
    }),
    created: (data) => ({ id: asString((data.insertFunctionInstance as JsonObject | undefined)?.id) }),
    // settings are required by this endpoint and replace the stored ones: always the whole object
    update: (id, desired, live) => {
      const body = changedFields(desired, live, ['name', 'enabled']);
      if (!settingsPatch(desired.settings, live.settings) && !nonEmpty(body)) return [];
      return [
        {
          method: 'PATCH',
          path: `/insert-function-instances/${id}`,
          body: { ...body, settings: desired.settings ?? {} },
          version: 'v1alpha',
        },
      ];
    },
    replaces: [{ pointer: '/settings', always: true }],
    delete: (id) => ({ method: 'DELETE', path: `/insert-function-instances/${id}` }),
  },
});
