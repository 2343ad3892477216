import { JsonObject, SECRET_UNKNOWN } from '@app/core';
import { changedFields, defineKind, idFrom, nk, nonEmpty, ref, settingsPatch, str, unmaskable } from './helpers';

/**
 * Segment omits warehouse passwords (and other credentials) from reads. A required option of the
 * warehouse's catalog entry that is missing from its settings is such a secret: it is recorded
 * as "secret, unknown", so that a restore knows a value has to be supplied.
 */
function warehouseSettings(raw: JsonObject): JsonObject {
  const settings = unmaskable({ ...((raw.settings as JsonObject | undefined) ?? {}) });
  const options = ((raw.metadata as JsonObject | undefined)?.options as Array<{ name: string; required?: boolean }> | undefined) ?? [];
  for (const option of options) if (option.required && settings[option.name] === undefined) settings[option.name] = SECRET_UNKNOWN;
  return settings;
}

export const warehouseKind = defineKind({
  kind: 'warehouse',
  label: 'warehouse',
  list: { path: '/warehouses', itemsKey: 'warehouses', paginated: true },
  normalize: (raw) => ({
    metadataId: str((raw.metadata as JsonObject | undefined)?.id ?? raw.metadataId),
    enabled: raw.enabled,
    settings: warehouseSettings(raw),
  }),
  id: (raw) => str(raw.id),
  naturalKey: (body) => nk(str(body.metadataId), str((body.settings as JsonObject).name)),
  displayName: (body) => str((body.settings as JsonObject).name),
  references: (body) =>
    ref(body.settings as JsonObject, 'credentialId', 'credential').map((r) => ({ ...r, pointer: '/settings/credentialId' })),
  createOnly: ['/metadataId'],
  secrets: ['/settings/*'],
  catalogEntry: { pointer: '/metadataId', path: '/catalog/warehouses/{id}', settings: '/settings' },
  write: {
    create: (desired) => ({
      method: 'POST',
      path: '/warehouses',
      body: { metadataId: desired.metadataId, enabled: desired.enabled, settings: desired.settings ?? {}, disconnectAllSources: true },
    }),
    created: idFrom('warehouse'),
    update: (id, desired, live) => {
      const body = changedFields(desired, live, ['enabled']);
      const settings = settingsPatch(desired.settings, live.settings);
      if (!settings && !nonEmpty(body)) return [];
      // settings are required by this endpoint
      return [{ method: 'PATCH', path: `/warehouses/${id}`, body: { ...body, settings: settings ?? {} } }];
    },
    delete: (id) => ({ method: 'DELETE', path: `/warehouses/${id}` }),
  },
});

export const warehouseConnectionKind = defineKind({
  kind: 'warehouse-connection',
  label: 'warehouse connection',
  parent: { kind: 'warehouse' },
  list: { path: '/warehouses/{parentId}/connected-sources', itemsKey: 'sources', paginated: true },
  normalize: (raw, ctx) => ({ warehouseId: str(ctx.parent?.id), sourceId: raw.id }),
  id: (_raw, body) => `${str(body.warehouseId)}|${str(body.sourceId)}`,
  naturalKey: (body, ctx) => nk(ctx.ref('warehouse', str(body.warehouseId)), ctx.ref('source', str(body.sourceId))),
  displayName: (body) => `${str(body.warehouseId)} ← ${str(body.sourceId)}`,
  references: (body) => [...ref(body, 'warehouseId', 'warehouse'), ...ref(body, 'sourceId', 'source')],
  createOnly: ['/warehouseId', '/sourceId'],
  deletedWith: ['warehouse', 'source'],
  write: {
    create: (desired) => ({ method: 'POST', path: `/warehouses/${str(desired.warehouseId)}/connected-sources/${str(desired.sourceId)}` }),
    created: (_data, desired) => ({ id: `${str(desired.warehouseId)}|${str(desired.sourceId)}` }),
    delete: (_id, live) => ({ method: 'DELETE', path: `/warehouses/${str(live.warehouseId)}/connected-sources/${str(live.sourceId)}` }),
  },
});
