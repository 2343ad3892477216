import { JsonObject } from '@app/core';
import { changedFields, defineKind, idFrom, joinKey, nonEmpty, omit, pick, settingsPatch, asString, unmaskable } from './helpers';

/** The workspace itself: read-only, one per snapshot; permissions on WORKSPACE point to it. */
export const workspaceKind = defineKind({
  kind: 'workspace',
  label: 'workspace',
  readOnly: true,
  list: { path: '/', itemsKey: 'workspace', paginated: false, single: true },
  normalize: (raw) => ({ id: raw.id, slug: raw.slug, name: raw.name }),
  id: (raw) => asString(raw.id),
  naturalKey: () => 'workspace',
  identity: ['/id', '/slug', '/name'],
});

/** Roles are read-only and named alike everywhere; their ids differ per workspace. */
export const roleKind = defineKind({
  kind: 'role',
  label: 'role',
  readOnly: true,
  list: { path: '/roles', itemsKey: 'roles', paginated: true },
  normalize: (raw) => ({ name: raw.name, description: raw.description ?? '' }),
  id: (raw) => asString(raw.id),
  naturalKey: (body) => asString(body.name),
});

/** Labels have no update: every field is fixed at create. */
export const labelKind = defineKind({
  kind: 'label',
  label: 'label',
  list: { path: '/labels', itemsKey: 'labels', paginated: false },
  normalize: (raw) =>
    omit({ key: raw.key, value: raw.value, ...(raw.description !== undefined ? { description: raw.description } : {}) }, []),
  id: (_raw, body) => `${asString(body.key)}:${asString(body.value)}`,
  naturalKey: (body) => `${asString(body.key)}:${asString(body.value)}`,
  displayName: (body) => `${asString(body.key)}:${asString(body.value)}`,
  createOnly: ['/key', '/value', '/description'],
  write: {
    create: (desired) => ({
      method: 'POST',
      path: '/labels',
      body: { label: pick(desired, ['key', 'value', 'description']) },
      rateClass: 'labels-write',
    }),
    created: (_data, desired) => ({ id: `${asString(desired.key)}:${asString(desired.value)}` }),
    delete: (_id, live) => ({
      method: 'DELETE',
      path: `/labels/${encodeURIComponent(asString(live.key))}/${encodeURIComponent(asString(live.value))}`,
      rateClass: 'labels-write',
    }),
  },
});

export const credentialKind = defineKind({
  kind: 'credential',
  label: 'credential',
  list: { path: '/credentials', itemsKey: 'credentials', paginated: true },
  normalize: (raw) => unmaskable(omit(raw, ['id', 'workspaceId', 'createdAt', 'updatedAt'])),
  id: (raw) => asString(raw.id),
  naturalKey: (body) => joinKey(asString((body.settings as JsonObject | undefined)?.type), asString(body.name)),
  createOnly: ['/settings/type'],
  secrets: ['/settings/*'],
  write: {
    create: (desired) => ({ method: 'POST', path: '/credentials', body: pick(desired, ['name', 'settings']) }),
    created: idFrom('credential'),
    update: (id, desired, live) => {
      const body: JsonObject = changedFields(desired, live, ['name']);
      const settings = settingsPatch(desired.settings, live.settings);
      if (settings) body.settings = { ...settings, type: (desired.settings as JsonObject).type };
      return nonEmpty(body) ? [{ method: 'PATCH', path: `/credentials/${id}`, body }] : [];
    },
    delete: (id) => ({ method: 'DELETE', path: `/credentials/${id}` }),
  },
});
