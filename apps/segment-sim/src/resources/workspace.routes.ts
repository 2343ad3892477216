import { SeqArray } from '../engine/pagination';
import { readValue, str } from '../engine/validate';
import { route, RouteDef } from '../http/route';
import { validation } from '../http/sim-error';
import { AuditEventRecord } from '../state/records';
import { found, list, listJson, queryString } from './common';

/** Audit events are listed newest first; the cursor still pages by sequence. */
const NEWEST_FIRST = 2 ** 31;

function readTime(value: unknown, field: string): number | undefined {
  const text = readValue<string | undefined>(value, str({ nonEmpty: true }), field);
  if (text === undefined) return undefined;
  const time = Date.parse(text);
  if (Number.isNaN(time)) throw validation(field, `${field} must be an ISO-8601 date-time.`);
  return time;
}

export const workspaceRoutes: RouteDef[] = [
  route('getWorkspace', 'GET /', (ctx) => ({ data: { workspace: { id: ctx.ws.id, slug: ctx.ws.slug, name: ctx.ws.name } } })),
  route('listAuditEvents', 'GET /audit-events', (ctx) => {
    const start = readTime(ctx.query.startTime, 'startTime');
    const end = readTime(ctx.query.endTime, 'endTime');
    const resourceId = queryString(ctx, 'resourceId');
    const resourceType = queryString(ctx, 'resourceType');
    const rows: Array<{ seq: number; value: AuditEventRecord }> = [];
    for (let i = ctx.ws.auditEvents.length - 1; i >= 0; i--) {
      const event = ctx.ws.auditEvents[i]!;
      const time = Date.parse(event.timestamp);
      if (start !== undefined && time < start) continue;
      if (end !== undefined && time > end) continue;
      if (resourceId !== undefined && event.resourceId !== resourceId) continue;
      if (resourceType !== undefined && event.resourceType !== resourceType) continue;
      rows.push({ seq: NEWEST_FIRST - event.seq, value: event });
    }
    const listId = `audit:${start ?? ''}:${end ?? ''}:${resourceId ?? ''}:${resourceType ?? ''}`;
    return list(ctx, 'events', new SeqArray(rows), listId, ({ seq: _seq, ...event }) => event);
  }),
  route('getSourcesCatalog', 'GET /catalog/sources', (ctx) =>
    listJson(ctx, 'sourcesCatalog', SeqArray.of(ctx.catalog.sources), 'catalog-sources', (e) => e.json),
  ),
  route('getSourceMetadata', 'GET /catalog/sources/:sourceMetadataId', (ctx) => {
    const entry = found(ctx.catalog.sourcesById.get(ctx.params.sourceMetadataId!), 'Source metadata', ctx.params.sourceMetadataId!);
    return { dataJson: `{"sourceMetadata":${entry.json}}` };
  }),
  route('getDestinationsCatalog', 'GET /catalog/destinations', (ctx) =>
    listJson(ctx, 'destinationsCatalog', SeqArray.of(ctx.catalog.destinations), 'catalog-destinations', (e) => e.json),
  ),
  route('getDestinationMetadata', 'GET /catalog/destinations/:destinationMetadataId', (ctx) => {
    const entry = found(
      ctx.catalog.destinationsById.get(ctx.params.destinationMetadataId!),
      'Destination metadata',
      ctx.params.destinationMetadataId!,
    );
    return { dataJson: `{"destinationMetadata":${entry.json}}` };
  }),
  route('getWarehousesCatalog', 'GET /catalog/warehouses', (ctx) =>
    listJson(ctx, 'warehousesCatalog', SeqArray.of(ctx.catalog.warehouses), 'catalog-warehouses', (e) => e.json),
  ),
  route('getWarehouseMetadata', 'GET /catalog/warehouses/:warehouseMetadataId', (ctx) => {
    const entry = found(
      ctx.catalog.warehousesById.get(ctx.params.warehouseMetadataId!),
      'Warehouse metadata',
      ctx.params.warehouseMetadataId!,
    );
    return { dataJson: `{"warehouseMetadata":${entry.json}}` };
  }),
];
