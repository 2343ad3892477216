import { SeqArray } from '../engine/pagination';
import { arr, bool, map, obj, readBody, str } from '../engine/validate';
import { RequestContext, route, RouteDef } from '../http/route';
import { conflict, validation } from '../http/sim-error';
import { LabelRef, SchemaSettingsRecord, SourceRecord } from '../state/records';
import { destinationBuffer, sourceBuffer, sourceJson, sourceMetadata, warehouseBuffer } from '../state/views';
import { WorkspaceState } from '../state/workspace-state';
import { audit, createSettings, found, listJson, mergeSettings, readSettings, SUCCESS } from './common';
import { labelFields, resolveLabels } from './labels.routes';

const SLUG = /^[a-z0-9][a-z0-9_-]{0,99}$/;

export const defaultSchemaSettings = (): SchemaSettingsRecord => ({
  track: {
    allowUnplannedEvents: true,
    allowUnplannedEventProperties: true,
    allowEventOnViolations: true,
    allowPropertiesOnViolations: true,
    commonEventOnViolations: 'ALLOW',
  },
  identify: { allowUnplannedTraits: true, allowTraitsOnViolations: true, commonEventOnViolations: 'ALLOW' },
  group: { allowUnplannedTraits: true, allowTraitsOnViolations: true, commonEventOnViolations: 'ALLOW' },
});

export const findSource = (ctx: RequestContext, id: string): SourceRecord => found(ctx.ws.sources.get(id), 'Source', id);

const sourceOut = (ctx: RequestContext, rec: SourceRecord) => sourceJson(ctx.catalog, ctx.ws, rec, ctx.token.sourceAdmin);

function checkSlug(ws: WorkspaceState, slug: string, selfId?: string): void {
  if (!SLUG.test(slug))
    throw validation('slug', 'slug must be 1–100 lowercase letters, digits, "_" or "-", starting with a letter or digit.');
  const clash = ws.sources.values().find((s) => s.slug === slug && s.id !== selfId);
  if (clash) throw conflict(`A Source with slug '${slug}' already exists (${clash.id}).`, 'slug');
}

/** What still refers to a source; Segment answers 409 rather than orphaning them. */
function sourceDependents(ws: WorkspaceState, sourceId: string): string[] {
  const out: string[] = [];
  const destinations = ws.destinations.values().filter((d) => d.sourceId === sourceId);
  if (destinations.length) out.push(`${destinations.length} destination(s)`);
  const transformations = ws.transformations.values().filter((t) => t.sourceId === sourceId);
  if (transformations.length) out.push(`${transformations.length} transformation(s)`);
  const models = ws.reverseEtlModels.values().filter((m) => m.sourceId === sourceId);
  if (models.length) out.push(`${models.length} Reverse ETL model(s)`);
  const instances = ws.insertFunctionInstances.values().filter((i) => i.integrationId === sourceId);
  if (instances.length) out.push(`${instances.length} insert function instance(s)`);
  return out;
}

const trackFields = {
  allowUnplannedEvents: bool(),
  allowUnplannedEventProperties: bool(),
  allowEventOnViolations: bool(),
  allowPropertiesOnViolations: bool(),
  commonEventOnViolations: str({ enum: ['ALLOW', 'BLOCK', 'OMIT_PROPERTIES'] }),
};
const traitFields = {
  allowUnplannedTraits: bool(),
  allowTraitsOnViolations: bool(),
  commonEventOnViolations: str({ enum: ['ALLOW', 'BLOCK', 'OMIT_TRAITS'] }),
};

function schemaSettingsOut(ctx: RequestContext, sourceId: string) {
  // Without Protocols, Segment returns the defaults and ignores updates.
  const settings = ctx.ws.features.has('Protocols')
    ? (ctx.ws.schemaSettings.get(sourceId) ?? defaultSchemaSettings())
    : defaultSchemaSettings();
  return { data: { sourceId, settings } };
}

export const sourceRoutes: RouteDef[] = [
  route('listSources', 'GET /sources', (ctx) =>
    listJson(ctx, 'sources', ctx.ws.sources, 'sources', (rec) => sourceBuffer(ctx.catalog, ctx.ws, rec, ctx.token.sourceAdmin)),
  ),
  route('createSource', 'POST /sources', (ctx) => {
    const body = readBody<{
      slug: string;
      enabled: boolean;
      metadataId: string;
      settings?: Record<string, unknown>;
      disconnectAllWarehouses?: boolean;
    }>(
      ctx.body,
      {
        slug: str({ required: true, nonEmpty: true }),
        enabled: bool({ required: true }),
        metadataId: str({ required: true, nonEmpty: true }),
        settings: map(),
        disconnectAllWarehouses: bool(),
      },
      { name: 'name cannot be set when creating a Source: create it, then set the name with updateSource (PATCH /sources/{sourceId}).' },
    );
    const meta = sourceMetadata(ctx.catalog, ctx.ws, body.metadataId);
    if (!meta) throw validation('metadataId', `metadataId '${body.metadataId}' is not a Source in the catalog.`);
    checkSlug(ctx.ws, body.slug);
    const now = ctx.ws.now();
    const rec: SourceRecord = {
      id: ctx.ws.ids.base62(),
      slug: body.slug,
      name: body.slug,
      metadataId: body.metadataId,
      enabled: body.enabled,
      writeKeys: [ctx.ws.ids.writeKey()],
      settings: createSettings(body.settings, meta.flags),
      labels: [],
      createdAt: now,
      updatedAt: now,
    };
    ctx.ws.sources.set(rec.id, rec);
    ctx.ws.schemaSettings.set(rec.id, defaultSchemaSettings());
    audit(ctx, 'Source Created', 'source', rec.id, rec.name);
    return { dataJson: `{"source":${sourceOut(ctx, rec)}}` };
  }),
  route('getSource', 'GET /sources/:sourceId', (ctx) => {
    const rec = findSource(ctx, ctx.params.sourceId!);
    const planId = ctx.ws.trackingPlanOfSource(rec.id);
    return { dataJson: `{"source":${sourceOut(ctx, rec)},"trackingPlanId":${JSON.stringify(planId)}}` };
  }),
  route('updateSource', 'PATCH /sources/:sourceId', (ctx) => {
    const rec = findSource(ctx, ctx.params.sourceId!);
    const body = readBody<{ name?: string; enabled?: boolean; slug?: string; settings?: Record<string, unknown> }>(
      ctx.body,
      { name: str({ nonEmpty: true, max: 100 }), enabled: bool(), slug: str({ nonEmpty: true }), settings: map() },
      {
        metadataId: 'metadataId cannot be changed after a Source is created; create a new Source instead.',
        labels: 'labels are managed with addLabelsToSource / replaceLabelsInSource (/sources/{sourceId}/labels).',
        writeKeys: 'writeKeys are generated by Segment and cannot be set.',
      },
    );
    if (body.slug !== undefined) checkSlug(ctx.ws, body.slug, rec.id);
    const meta = sourceMetadata(ctx.catalog, ctx.ws, rec.metadataId);
    if (body.name !== undefined) rec.name = body.name;
    if (body.enabled !== undefined) rec.enabled = body.enabled;
    if (body.slug !== undefined) rec.slug = body.slug;
    if (body.settings !== undefined) rec.settings = mergeSettings(rec.settings, body.settings, meta!.flags);
    rec.updatedAt = ctx.ws.now();
    ctx.ws.touch(rec);
    audit(ctx, 'Source Modified', 'source', rec.id, rec.name);
    return { dataJson: `{"source":${sourceOut(ctx, rec)}}` };
  }),
  route('deleteSource', 'DELETE /sources/:sourceId', (ctx) => {
    const ws = ctx.ws;
    const rec = findSource(ctx, ctx.params.sourceId!);
    const dependents = sourceDependents(ws, rec.id);
    if (dependents.length) throw conflict(`Source '${rec.slug}' is in use by ${dependents.join(', ')}; delete or move them first.`);
    ws.sources.delete(rec.id);
    ws.schemaSettings.delete(rec.id);
    for (const sources of ws.warehouseSources.values()) sources.delete(rec.id);
    for (const sources of ws.trackingPlanSources.values()) sources.delete(rec.id);
    for (const [key] of ws.selectiveSyncs) if (key.endsWith(`|${rec.id}`)) ws.selectiveSyncs.delete(key);
    for (const settings of ws.schemaSettings.values()) {
      if (settings.forwardingViolationsTo === rec.id) delete settings.forwardingViolationsTo;
      if (settings.forwardingBlockedEventsTo === rec.id) delete settings.forwardingBlockedEventsTo;
    }
    audit(ctx, 'Source Deleted', 'source', rec.id, rec.name);
    return SUCCESS;
  }),
  route('addLabelsToSource', 'POST /sources/:sourceId/labels', (ctx) => {
    const rec = findSource(ctx, ctx.params.sourceId!);
    const body = readBody<{ labels?: LabelRef[] }>(ctx.body, { labels: arr(obj(labelFields), { required: true }) });
    rec.labels = resolveLabels(ctx, [...rec.labels, ...(body.labels ?? [])], 'labels');
    ctx.ws.touch(rec);
    audit(ctx, 'Source Modified', 'source', rec.id, rec.name);
    return { data: { labels: rec.labels.map((l) => ctx.ws.labels.get(`${l.key}:${l.value}`)) } };
  }),
  route('replaceLabelsInSource', 'PUT /sources/:sourceId/labels', (ctx) => {
    const rec = findSource(ctx, ctx.params.sourceId!);
    const body = readBody<{ labels?: LabelRef[] }>(ctx.body, { labels: arr(obj(labelFields), { required: true }) });
    rec.labels = resolveLabels(ctx, body.labels ?? [], 'labels');
    ctx.ws.touch(rec);
    audit(ctx, 'Source Modified', 'source', rec.id, rec.name);
    return { data: { labels: rec.labels.map((l) => ctx.ws.labels.get(`${l.key}:${l.value}`)) } };
  }),
  route('listSchemaSettingsInSource', 'GET /sources/:sourceId/settings', (ctx) =>
    schemaSettingsOut(ctx, findSource(ctx, ctx.params.sourceId!).id),
  ),
  route('updateSchemaSettingsInSource', 'PATCH /sources/:sourceId/settings', (ctx) => {
    const rec = findSource(ctx, ctx.params.sourceId!);
    const body = readBody<Partial<SchemaSettingsRecord>>(ctx.body, {
      track: obj(trackFields),
      identify: obj(traitFields),
      group: obj(traitFields),
      forwardingViolationsTo: str(),
      forwardingBlockedEventsTo: str(),
    });
    for (const field of ['forwardingViolationsTo', 'forwardingBlockedEventsTo'] as const) {
      const target = body[field];
      if (target && !ctx.ws.sources.has(target)) throw validation(field, `${field} '${target}' is not a Source in this workspace.`);
      if (target === rec.id) throw validation(field, `${field} cannot point a Source at itself.`);
    }
    if (ctx.ws.features.has('Protocols')) {
      const current = ctx.ws.schemaSettings.get(rec.id) ?? defaultSchemaSettings();
      const next: SchemaSettingsRecord = {
        track: { ...current.track, ...(body.track ?? {}) },
        identify: { ...current.identify, ...(body.identify ?? {}) },
        group: { ...current.group, ...(body.group ?? {}) },
      };
      for (const field of ['forwardingViolationsTo', 'forwardingBlockedEventsTo'] as const) {
        const value = body[field] !== undefined ? body[field] : current[field];
        if (value) next[field] = value;
      }
      ctx.ws.schemaSettings.set(rec.id, next);
      audit(ctx, 'Source Modified', 'source', rec.id, rec.name);
    }
    return schemaSettingsOut(ctx, rec.id);
  }),
  route('listConnectedDestinationsFromSource', 'GET /sources/:sourceId/connected-destinations', (ctx) => {
    const rec = findSource(ctx, ctx.params.sourceId!);
    const rows = ctx.ws.destinations.keyList().map((id, index) => ({ seq: index + 1, value: ctx.ws.destinations.get(id)! }));
    const connected = new SeqArray(rows.filter((row) => row.value.sourceId === rec.id));
    return listJson(ctx, 'destinations', connected, `src-dest:${rec.id}`, (d) => destinationBuffer(ctx.catalog, ctx.ws, d));
  }),
  route('listConnectedWarehousesFromSource', 'GET /sources/:sourceId/connected-warehouses', (ctx) => {
    const rec = findSource(ctx, ctx.params.sourceId!);
    const warehouses = ctx.ws.warehouses.values().filter((w) => ctx.ws.warehouseSources.get(w.id)?.has(rec.id));
    return listJson(ctx, 'warehouses', SeqArray.of(warehouses), `src-wh:${rec.id}`, (w) => warehouseBuffer(ctx.catalog, ctx.ws, w));
  }),
  route('createWriteKeyForSource', 'POST /sources/:sourceId/writekey', (ctx) => {
    const rec = findSource(ctx, ctx.params.sourceId!);
    rec.writeKeys = [...rec.writeKeys, ctx.ws.ids.writeKey()];
    ctx.ws.touch(rec);
    audit(ctx, 'Source Modified', 'source', rec.id, rec.name);
    return { dataJson: `{"source":${sourceOut(ctx, rec)}}` };
  }),
  route('removeWriteKeyFromSource', 'DELETE /sources/:sourceId/writekey/:writeKey', (ctx) => {
    const rec = findSource(ctx, ctx.params.sourceId!);
    const key = ctx.params.writeKey!;
    if (!rec.writeKeys.includes(key)) throw validation('writeKey', 'That write key does not belong to this Source.');
    if (rec.writeKeys.length === 1) throw conflict('A Source must keep at least one write key.');
    rec.writeKeys = rec.writeKeys.filter((k) => k !== key);
    ctx.ws.touch(rec);
    audit(ctx, 'Source Modified', 'source', rec.id, rec.name);
    return SUCCESS;
  }),
];

export { readSettings };
