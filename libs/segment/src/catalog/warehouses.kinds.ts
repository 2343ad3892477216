import { JsonObject, SECRET_UNKNOWN } from '@app/core';
import { defineKind, nk, ref, str, unmaskable } from './helpers';

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
  references: (body) => ref(body.settings as JsonObject, 'credentialId', 'credential').map((r) => ({ ...r, pointer: '/settings/credentialId' })),
  createOnly: ['/metadataId'],
  secrets: ['/settings/*'],
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
});
