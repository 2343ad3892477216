import { bool, readBody, str } from '../engine/validate';
import { RequestContext, route, RouteDef } from '../http/route';
import { conflict, validation } from '../http/sim-error';
import { ReverseEtlModelRecord } from '../state/records';
import { audit, found, list, SUCCESS } from './common';

const find = (ctx: RequestContext) => found(ctx.ws.reverseEtlModels.get(ctx.params.modelId!), 'Reverse ETL model', ctx.params.modelId!);

const fields = {
  name: str({ nonEmpty: true, max: 200 }),
  description: str(),
  enabled: bool(),
  query: str({ nonEmpty: true }),
  queryIdentifierColumn: str({ nonEmpty: true }),
};

export const reverseEtlRoutes: RouteDef[] = [
  route('listReverseEtlModels', 'GET /reverse-etl-models', (ctx) =>
    list(ctx, 'models', ctx.ws.reverseEtlModels, 'retl-models', (rec) => rec),
  ),
  route('createReverseEtlModel', 'POST /reverse-etl-models', (ctx) => {
    const body = readBody<Omit<ReverseEtlModelRecord, 'id'>>(ctx.body, {
      sourceId: str({ required: true, nonEmpty: true }),
      name: str({ required: true, nonEmpty: true, max: 200 }),
      description: str({ required: true }),
      enabled: bool({ required: true }),
      query: str({ required: true, nonEmpty: true }),
      queryIdentifierColumn: str({ required: true, nonEmpty: true }),
    });
    const source = ctx.ws.sources.get(body.sourceId);
    if (!source) throw validation('sourceId', `Source '${body.sourceId}' does not exist in this workspace.`);
    if (!ctx.catalog.sourcesById.get(source.metadataId)?.def.reverseEtl) {
      throw validation('sourceId', `Source '${source.slug}' is not a Reverse ETL (warehouse) source.`);
    }
    const rec: ReverseEtlModelRecord = { id: ctx.ws.ids.base62(), ...body };
    ctx.ws.reverseEtlModels.set(rec.id, rec);
    audit(ctx, 'Reverse ETL Model Created', 'reverse_etl_model', rec.id, rec.name);
    return { data: { reverseEtlModel: rec } };
  }),
  route('getReverseEtlModel', 'GET /reverse-etl-models/:modelId', (ctx) => ({ data: { reverseEtlModel: find(ctx) } })),
  route('updateReverseEtlModel', 'PATCH /reverse-etl-models/:modelId', (ctx) => {
    const rec = find(ctx);
    const body = readBody<Partial<ReverseEtlModelRecord>>(ctx.body, fields, {
      sourceId: 'sourceId cannot be changed after a Reverse ETL model is created.',
    });
    Object.assign(rec, body);
    audit(ctx, 'Reverse ETL Model Modified', 'reverse_etl_model', rec.id, rec.name);
    return { data: { reverseEtlModel: rec } };
  }),
  route('deleteReverseEtlModel', 'DELETE /reverse-etl-models/:modelId', (ctx) => {
    const rec = find(ctx);
    const users = [...ctx.ws.subscriptions.values()].flatMap((c) => c.values()).filter((s) => s.modelId === rec.id);
    if (users.length) throw conflict(`Reverse ETL model '${rec.name}' is used by ${users.length} subscription(s); delete them first.`);
    ctx.ws.reverseEtlModels.delete(rec.id);
    audit(ctx, 'Reverse ETL Model Deleted', 'reverse_etl_model', rec.id, rec.name);
    return SUCCESS;
  }),
];
