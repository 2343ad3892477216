import { JsonObject, SECRET_UNKNOWN } from '@app/core';
import { changedFields, defineKind, idFrom, joinKey, nonEmpty, ref, settingsPatch, asString, unmaskable } from './helpers';

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
  enabledPointer: '/enabled',
  list: { path: '/warehouses', itemsKey: 'warehouses', paginated: true },
  normalize: (raw) => ({
    metadataId: asString((raw.metadata as JsonObject | undefined)?.id ?? raw.metadataId),
    enabled: raw.enabled,
    settings: warehouseSettings(raw),
  }),
  id: (raw) => asString(raw.id),
  naturalKey: (body) => joinKey(asString(body.metadataId), asString((body.settings as JsonObject).name)),
  displayName: (body) => asString((body.settings as JsonObject).name),
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
  normalize: (raw, ctx) => ({ warehouseId: asString(ctx.parent?.id), sourceId: raw.id }),
  id: (_raw, body) => `${asString(body.warehouseId)}|${asString(body.sourceId)}`,
  naturalKey: (body, ctx) => joinKey(ctx.ref('warehouse', asString(body.warehouseId)), ctx.ref('source', asString(body.sourceId))),
  displayName: (body) => `${asString(body.warehouseId)} ← ${asString(body.sourceId)}`,
  references: (body) => [...ref(body, 'warehouseId', 'warehouse'), ...ref(body, 'sourceId', 'source')],
  createOnly: ['/warehouseId', '/sourceId'],
  deletedWith: ['warehouse', 'source'],
  write: {
    create: (desired) => ({
      method: 'POST',
      path: `/warehouses/${asString(desired.warehouseId)}/connected-sources/${asString(desired.sourceId)}`,
    }),
    created: (_data, desired) => ({ id: `${asString(desired.warehouseId)}|${asString(desired.sourceId)}` }),
    delete: (_id, live) => ({
      method: 'DELETE',
      path: `/warehouses/${asString(live.warehouseId)}/connected-sources/${asString(live.sourceId)}`,
    }),
  },
});
