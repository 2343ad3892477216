import { bool, map, readBody, str } from '../engine/validate';
import { RequestContext, route, RouteDef } from '../http/route';
import { conflict, validation } from '../http/sim-error';
import { DestinationRecord } from '../state/records';
import { destinationBuffer, destinationJson, destinationMetadata } from '../state/views';
import { audit, createSettings, found, listJson, mergeSettings, SUCCESS } from './common';

export const findDestination = (ctx: RequestContext, id: string): DestinationRecord =>
  found(ctx.ws.destinations.get(id), 'Destination', id);

const destinationOut = (ctx: RequestContext, rec: DestinationRecord) => destinationJson(ctx.catalog, ctx.ws, rec);

export const destinationRoutes: RouteDef[] = [
  route('listDestinations', 'GET /destinations', (ctx) =>
    listJson(ctx, 'destinations', ctx.ws.destinations, 'destinations', (rec) => destinationBuffer(ctx.catalog, ctx.ws, rec)),
  ),
  route('createDestination', 'POST /destinations', (ctx) => {
    const body = readBody<{ sourceId: string; metadataId: string; settings: Record<string, unknown>; enabled?: boolean; name?: string }>(
      ctx.body,
      {
        sourceId: str({ required: true, nonEmpty: true }),
        metadataId: str({ required: true, nonEmpty: true }),
        settings: map({ required: true }),
        enabled: bool(),
        name: str({ max: 100 }),
      },
    );
    if (!ctx.ws.sources.has(body.sourceId)) throw validation('sourceId', `Source '${body.sourceId}' does not exist in this workspace.`);
    const meta = destinationMetadata(ctx.catalog, ctx.ws, body.metadataId);
    if (!meta)
      throw validation(
        'metadataId',
        `metadataId '${body.metadataId}' is neither a Destination in the catalog nor a destination function of this workspace.`,
      );
    const single = meta.entry && (meta.entry.metadata.supportedFeatures as { cloudModeInstances?: string }).cloudModeInstances === 'SINGLE';
    if (single) {
      const existing = ctx.ws.destinations.values().find((d) => d.sourceId === body.sourceId && d.metadataId === body.metadataId);
      if (existing)
        throw conflict(
          `${meta.entry!.name} allows one instance per Source, and Source '${body.sourceId}' already has ${existing.id}.`,
          'metadataId',
        );
    }
    const now = ctx.ws.now();
    const rec: DestinationRecord = {
      id: ctx.ws.ids.hex(24),
      enabled: body.enabled ?? false,
      metadataId: body.metadataId,
      sourceId: body.sourceId,
      settings: createSettings(body.settings, meta.flags),
      createdAt: now,
      updatedAt: now,
      ...(body.name !== undefined ? { name: body.name } : {}),
    };
    ctx.ws.destinations.set(rec.id, rec);
    audit(ctx, 'Integration Created', 'integration', rec.id, rec.name ?? meta.entry?.name ?? rec.id);
    return { dataJson: `{"destination":${destinationOut(ctx, rec)}}` };
  }),
  route('getDestination', 'GET /destinations/:destinationId', (ctx) => ({
    dataJson: `{"destination":${destinationOut(ctx, findDestination(ctx, ctx.params.destinationId!))}}`,
  })),
  route('updateDestination', 'PATCH /destinations/:destinationId', (ctx) => {
    const rec = findDestination(ctx, ctx.params.destinationId!);
    const body = readBody<{ name?: string | null; enabled?: boolean; settings?: Record<string, unknown> }>(
      ctx.body,
      { name: str({ nullable: true, max: 100 }), enabled: bool(), settings: map() },
      {
        sourceId: 'sourceId cannot be changed after a Destination is created; create a new Destination on the other Source.',
        metadataId: 'metadataId cannot be changed after a Destination is created.',
      },
    );
    const meta = destinationMetadata(ctx.catalog, ctx.ws, rec.metadataId);
    if (body.settings !== undefined) rec.settings = mergeSettings(rec.settings, body.settings, meta!.flags);
    if (body.name === null) delete rec.name;
    else if (body.name !== undefined) rec.name = body.name;
    const wasEnabled = rec.enabled;
    if (body.enabled !== undefined) rec.enabled = body.enabled;
    rec.updatedAt = ctx.ws.now();
    ctx.ws.touch(rec);
    const type =
      wasEnabled && !rec.enabled ? 'Integration Disabled' : !wasEnabled && rec.enabled ? 'Integration Enabled' : 'Integration Modified';
    audit(ctx, type, 'integration', rec.id, rec.name ?? meta?.entry?.name ?? rec.id);
    return { dataJson: `{"destination":${destinationOut(ctx, rec)}}` };
  }),
  route('deleteDestination', 'DELETE /destinations/:destinationId', (ctx) => {
    const rec = findDestination(ctx, ctx.params.destinationId!);
    const instances = ctx.ws.insertFunctionInstances.values().filter((i) => i.integrationId === rec.id);
    if (instances.length) throw conflict(`Destination '${rec.id}' has ${instances.length} insert function instance(s); delete them first.`);
    // Filters and subscriptions live inside their destination and go with it.
    ctx.ws.destinations.delete(rec.id);
    ctx.ws.filters.delete(rec.id);
    ctx.ws.subscriptions.delete(rec.id);
    audit(ctx, 'Integration Deleted', 'integration', rec.id, rec.name ?? rec.id);
    return SUCCESS;
  }),
];
