import { JsonObject } from '@app/core';
import { changedFields, defineKind, idFrom, nk, nonEmpty, omit, pick, settingsPatch, str, unmaskable } from './helpers';

/** The workspace itself: read-only, one per snapshot; permissions on WORKSPACE point to it. */
export const workspaceKind = defineKind({
  kind: 'workspace',
  label: 'workspace',
  readOnly: true,
  list: { path: '/', itemsKey: 'workspace', paginated: false, single: true },
  normalize: (raw) => ({ id: raw.id, slug: raw.slug, name: raw.name }),
  id: (raw) => str(raw.id),
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
  id: (raw) => str(raw.id),
  naturalKey: (body) => str(body.name),
});

/** Labels have no update: every field is fixed at create. */
export const labelKind = defineKind({
  kind: 'label',
  label: 'label',
  list: { path: '/labels', itemsKey: 'labels', paginated: false },
  normalize: (raw) =>
    omit({ key: raw.key, value: raw.value, ...(raw.description !== undefined ? { description: raw.description } : {}) }, []),
  id: (_raw, body) => `${str(body.key)}:${str(body.value)}`,
  naturalKey: (body) => `${str(body.key)}:${str(body.value)}`,
  displayName: (body) => `${str(body.key)}:${str(body.value)}`,
  createOnly: ['/key', '/value', '/description'],
  write: {
    create: (desired) => ({
      method: 'POST',
      path: '/labels',
      body: { label: pick(desired, ['key', 'value', 'description']) },
      rateClass: 'labels-write',
    }),
    created: (_data, desired) => ({ id: `${str(desired.key)}:${str(desired.value)}` }),
    delete: (_id, live) => ({
      method: 'DELETE',
      path: `/labels/${encodeURIComponent(str(live.key))}/${encodeURIComponent(str(live.value))}`,
      rateClass: 'labels-write',
    }),
  },
});

export const credentialKind = defineKind({
  kind: 'credential',
  label: 'credential',
  list: { path: '/credentials', itemsKey: 'credentials', paginated: true },
  normalize: (raw) => unmaskable(omit(raw, ['id', 'workspaceId', 'createdAt', 'updatedAt'])),
  id: (raw) => str(raw.id),
  naturalKey: (body) => nk(str((body.settings as JsonObject | undefined)?.type), str(body.name)),
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
