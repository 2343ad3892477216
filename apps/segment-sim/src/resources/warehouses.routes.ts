import { SeqArray } from '../engine/pagination';
import { arr, bool, map, num, obj, readBody, str } from '../engine/validate';
import { RequestContext, route, RouteDef } from '../http/route';
import { validation } from '../http/sim-error';
import { AdvancedSyncSchedule, WarehouseRecord } from '../state/records';
import { sourceBuffer, warehouseBuffer, warehouseJson } from '../state/views';
import { pairKey } from '../state/workspace-state';
import { audit, createSettings, found, list, listJson, mergeSettings, SUCCESS } from './common';
import { findSource } from './sources.routes';

const TWO_PER_MINUTE = { points: 2, per: 'minute' } as const;

export const findWarehouse = (ctx: RequestContext, id: string): WarehouseRecord => found(ctx.ws.warehouses.get(id), 'Warehouse', id);
const warehouseOut = (ctx: RequestContext, rec: WarehouseRecord) => warehouseJson(ctx.catalog, ctx.ws, rec);
const connectionsOf = (ctx: RequestContext, warehouseId: string) => ctx.ws.childCollection(ctx.ws.warehouseSources, warehouseId);

export const warehouseRoutes: RouteDef[] = [
  route('listWarehouses', 'GET /warehouses', (ctx) =>
    listJson(ctx, 'warehouses', ctx.ws.warehouses, 'warehouses', (rec) => warehouseBuffer(ctx.catalog, ctx.ws, rec)),
  ),
  route('createWarehouse', 'POST /warehouses', (ctx) => {
    const body = readBody<{
      metadataId: string;
      settings: Record<string, unknown>;
      name?: string;
      enabled?: boolean;
      disconnectAllSources?: boolean;
    }>(ctx.body, {
      metadataId: str({ required: true, nonEmpty: true }),
      settings: map({ required: true }),
      name: str({ max: 100 }),
      enabled: bool(),
      disconnectAllSources: bool(),
    });
    const entry = ctx.catalog.warehousesById.get(body.metadataId);
    if (!entry) throw validation('metadataId', `metadataId '${body.metadataId}' is not a Warehouse in the catalog.`);
    const now = ctx.ws.now();
    const settings = createSettings(body.settings, entry.settings);
    if (body.name !== undefined) settings.name = body.name;
    const rec: WarehouseRecord = {
      id: ctx.ws.ids.base62(21),
      metadataId: body.metadataId,
      enabled: body.enabled ?? true,
      settings,
      createdAt: now,
      updatedAt: now,
    };
    ctx.ws.warehouses.set(rec.id, rec);
    if (!body.disconnectAllSources) connectionsOf(ctx, rec.id);
    audit(ctx, 'Storage Destination Created', 'warehouse', rec.id, String(settings.name ?? entry.name));
    return { dataJson: `{"warehouse":${warehouseOut(ctx, rec)}}` };
  }),
  route('getWarehouse', 'GET /warehouses/:warehouseId', (ctx) => ({
    dataJson: `{"warehouse":${warehouseOut(ctx, findWarehouse(ctx, ctx.params.warehouseId!))}}`,
  })),
  route('updateWarehouse', 'PATCH /warehouses/:warehouseId', (ctx) => {
    const rec = findWarehouse(ctx, ctx.params.warehouseId!);
    const body = readBody<{ settings: Record<string, unknown>; name?: string | null; enabled?: boolean }>(
      ctx.body,
      { settings: map({ required: true }), name: str({ nullable: true, max: 100 }), enabled: bool() },
      { metadataId: 'metadataId cannot be changed after a Warehouse is created.' },
    );
    const entry = ctx.catalog.warehousesById.get(rec.metadataId)!;
    if (Object.keys(body.settings).length > 0) rec.settings = mergeSettings(rec.settings, body.settings, entry.settings);
    if (body.name === null) delete rec.settings.name;
    else if (body.name !== undefined) rec.settings.name = body.name;
    if (body.enabled !== undefined) rec.enabled = body.enabled;
    rec.updatedAt = ctx.ws.now();
    ctx.ws.touch(rec);
    audit(ctx, 'Storage Destination Modified', 'warehouse', rec.id, String(rec.settings.name ?? entry.name));
    return { dataJson: `{"warehouse":${warehouseOut(ctx, rec)}}` };
  }),
  route('deleteWarehouse', 'DELETE /warehouses/:warehouseId', (ctx) => {
    const rec = findWarehouse(ctx, ctx.params.warehouseId!);
    ctx.ws.warehouses.delete(rec.id);
    ctx.ws.warehouseSources.delete(rec.id);
    ctx.ws.advancedSyncSchedules.delete(rec.id);
    for (const key of [...ctx.ws.selectiveSyncs.keys()]) if (key.startsWith(`${rec.id}|`)) ctx.ws.selectiveSyncs.delete(key);
    audit(ctx, 'Storage Destination Deleted', 'warehouse', rec.id, String(rec.settings.name ?? rec.id));
    return SUCCESS;
  }),
  route('listConnectedSourcesFromWarehouse', 'GET /warehouses/:warehouseId/connected-sources', (ctx) => {
    const rec = findWarehouse(ctx, ctx.params.warehouseId!);
    const connections = connectionsOf(ctx, rec.id);
    return listJson(ctx, 'sources', connections, `wh-src:${rec.id}`, (sourceId) =>
      sourceBuffer(ctx.catalog, ctx.ws, ctx.ws.sources.get(sourceId)!, ctx.token.sourceAdmin),
    );
  }),
  route('addConnectionFromSourceToWarehouse', 'POST /warehouses/:warehouseId/connected-sources/:sourceId', (ctx) => {
    const rec = findWarehouse(ctx, ctx.params.warehouseId!);
    const source = findSource(ctx, ctx.params.sourceId!);
    connectionsOf(ctx, rec.id).set(source.id, source.id);
    audit(ctx, 'Storage Destination Modified', 'warehouse', rec.id, String(rec.settings.name ?? rec.id));
    return { data: { status: 'CONNECTED' } };
  }),
  route('removeSourceConnectionFromWarehouse', 'DELETE /warehouses/:warehouseId/connected-sources/:sourceId', (ctx) => {
    const rec = findWarehouse(ctx, ctx.params.warehouseId!);
    const source = findSource(ctx, ctx.params.sourceId!);
    if (!connectionsOf(ctx, rec.id).delete(source.id))
      throw validation('sourceId', `Source '${source.id}' is not connected to Warehouse '${rec.id}'.`);
    ctx.ws.selectiveSyncs.delete(pairKey(rec.id, source.id));
    audit(ctx, 'Storage Destination Modified', 'warehouse', rec.id, String(rec.settings.name ?? rec.id));
    return SUCCESS;
  }),
  route(
    'listSelectiveSyncsFromWarehouseAndSource',
    'GET /warehouses/:warehouseId/connected-sources/:sourceId/selective-syncs',
    { rateLimit: TWO_PER_MINUTE },
    (ctx) => {
      const rec = findWarehouse(ctx, ctx.params.warehouseId!);
      const source = findSource(ctx, ctx.params.sourceId!);
      const sync = ctx.ws.selectiveSyncs.get(pairKey(rec.id, source.id)) ?? new Map();
      const items = [...sync].map(([collection, state]) => ({
        sourceId: source.id,
        collection,
        warehouseId: rec.id,
        enabled: state.enabled,
        properties: state.properties,
      }));
      return list(ctx, 'items', SeqArray.of(items), `sync:${rec.id}:${source.id}`, (item) => item);
    },
  ),
  route('updateSelectiveSyncForWarehouse', 'PATCH /warehouses/:warehouseId/selective-sync', { rateLimit: TWO_PER_MINUTE }, (ctx) => {
    const rec = findWarehouse(ctx, ctx.params.warehouseId!);
    const body = readBody<{ syncOverrides: Array<{ sourceId: string; collection?: string; property?: string; enabled: boolean }> }>(
      ctx.body,
      {
        syncOverrides: arr(
          obj({ sourceId: str({ required: true }), collection: str(), property: str(), enabled: bool({ required: true }) }),
          { required: true },
        ),
      },
    );
    let changed = false;
    const warnings: string[] = [];
    body.syncOverrides.forEach((override, index) => {
      if (!connectionsOf(ctx, rec.id).has(override.sourceId)) {
        throw validation(`syncOverrides[${index}].sourceId`, `Source '${override.sourceId}' is not connected to this Warehouse.`);
      }
      if (override.property !== undefined && override.collection === undefined) {
        throw validation(`syncOverrides[${index}].collection`, 'A property override needs its collection.');
      }
      const key = pairKey(rec.id, override.sourceId);
      const sync = ctx.ws.selectiveSyncs.get(key) ?? new Map();
      const collection = override.collection ?? '*';
      const state = sync.get(collection) ?? { enabled: true, properties: {} };
      if (override.property !== undefined) {
        if (state.properties[override.property] !== override.enabled) changed = true;
        state.properties[override.property] = override.enabled;
      } else {
        if (state.enabled !== override.enabled) changed = true;
        state.enabled = override.enabled;
      }
      sync.set(collection, state);
      ctx.ws.selectiveSyncs.set(key, sync);
    });
    if (changed) audit(ctx, 'Storage Destination Modified', 'warehouse', rec.id, String(rec.settings.name ?? rec.id));
    return { data: { status: changed ? 'UPDATED' : 'UNCHANGED', warnings } };
  }),
  route(
    'getAdvancedSyncScheduleFromWarehouse',
    'GET /warehouses/:warehouseId/advanced-sync-schedule',
    { rateLimit: TWO_PER_MINUTE },
    (ctx) => {
      const rec = findWarehouse(ctx, ctx.params.warehouseId!);
      return { data: ctx.ws.advancedSyncSchedules.get(rec.id) ?? { enabled: false } };
    },
  ),
  route(
    'replaceAdvancedSyncScheduleForWarehouse',
    'PUT /warehouses/:warehouseId/advanced-sync-schedule',
    { rateLimit: TWO_PER_MINUTE },
    (ctx) => {
      const rec = findWarehouse(ctx, ctx.params.warehouseId!);
      const body = readBody<AdvancedSyncSchedule>(ctx.body, {
        enabled: bool({ required: true }),
        schedule: obj({
          times: arr(obj({ hourOfDay: num({ required: true, integer: true, min: 0, max: 23 }), enabled: bool({ required: true }) }), {
            required: true,
          }),
          timezone: str({ required: true, nonEmpty: true }),
        }),
      });
      if (body.schedule) {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: body.schedule.timezone });
        } catch {
          throw validation('schedule.timezone', `'${body.schedule.timezone}' is not an IANA time zone.`);
        }
      }
      ctx.ws.advancedSyncSchedules.set(rec.id, body);
      audit(ctx, 'Storage Destination Modified', 'warehouse', rec.id, String(rec.settings.name ?? rec.id));
      return { data: body };
    },
  ),
];
