import { SeqArray } from '../engine/pagination';
import { bool, map, readBody, str } from '../engine/validate';
import { RequestContext, route, RouteDef } from '../http/route';
import { validation } from '../http/sim-error';
import { InsertFunctionInstanceRecord } from '../state/records';
import { insertFunctionInstanceView } from '../state/views';
import { audit, found, list, queryString, SUCCESS } from './common';
import { FUNCTION_ID_PREFIX } from './functions.routes';

const feature = { feature: 'Functions' as const };
const find = (ctx: RequestContext) =>
  found(ctx.ws.insertFunctionInstances.get(ctx.params.instanceId!), 'Insert Function instance', ctx.params.instanceId!);

/**
 * Insert function instances name their function by its class id: the function's id *without* the
 * `ifnd_` / `ifns_` prefix (v73 `CreateInsertFunctionInstanceAlphaInput.functionId`: "Remove the
 * ifnd_/ifns_ prefix from the id"). A prefixed id is refused, when listing as when creating, so a
 * client learns the difference instead of reading an empty list.
 */
function resolveFunction(ctx: RequestContext, functionId: string) {
  const prefixed = Object.values(FUNCTION_ID_PREFIX).find((prefix) => functionId.startsWith(prefix));
  if (prefixed) throw validation('functionId', `functionId must be given without its '${prefixed}' prefix.`);
  const fn = ctx.ws.functions.values().find((f) => f.catalogId === functionId);
  if (!fn) throw validation('functionId', `Function '${functionId}' does not exist in this workspace.`);
  if (!fn.resourceType.startsWith('INSERT_'))
    throw validation('functionId', `Function '${functionId}' is a ${fn.resourceType} function, not an insert function.`);
  return fn;
}

export const insertFunctionRoutes: RouteDef[] = [
  route('listInsertFunctionInstances', 'GET /insert-function-instances', { ...feature }, (ctx) => {
    const fn = resolveFunction(ctx, queryString(ctx, 'functionId', true)!);
    const rows = ctx.ws.insertFunctionInstances
      .keyList()
      .map((id, index) => ({ seq: index + 1, value: ctx.ws.insertFunctionInstances.get(id)! }));
    const items = new SeqArray(rows.filter((row) => row.value.functionId === fn.catalogId));
    return list(ctx, 'instances', items, `ifi:${fn.catalogId}`, (rec) => insertFunctionInstanceView(ctx.ws, rec));
  }),
  route('createInsertFunctionInstance', 'POST /insert-function-instances', { ...feature }, (ctx) => {
    const body = readBody<{
      functionId: string;
      integrationId: string;
      name: string;
      settings: Record<string, unknown>;
      enabled?: boolean;
    }>(ctx.body, {
      functionId: str({ required: true, nonEmpty: true }),
      integrationId: str({ required: true, nonEmpty: true }),
      name: str({ required: true, nonEmpty: true, max: 200 }),
      settings: map({ required: true }),
      enabled: bool(),
    });
    const fn = resolveFunction(ctx, body.functionId);
    const wantsSource = fn.resourceType === 'INSERT_SOURCE';
    const integrationExists = wantsSource ? ctx.ws.sources.has(body.integrationId) : ctx.ws.destinations.has(body.integrationId);
    if (!integrationExists) {
      throw validation(
        'integrationId',
        `integrationId '${body.integrationId}' is not a ${wantsSource ? 'Source' : 'Destination'} of this workspace.`,
      );
    }
    const now = ctx.ws.now();
    const rec: InsertFunctionInstanceRecord = {
      id: ctx.ws.ids.base62(),
      functionId: fn.catalogId,
      integrationId: body.integrationId,
      name: body.name,
      enabled: body.enabled ?? false,
      settings: body.settings,
      createdAt: now,
      updatedAt: now,
    };
    ctx.ws.insertFunctionInstances.set(rec.id, rec);
    audit(ctx, 'Insert Function Instance Created', 'insert_function_instance', rec.id, body.name);
    return { data: { insertFunctionInstance: insertFunctionInstanceView(ctx.ws, rec) } };
  }),
  route('getInsertFunctionInstance', 'GET /insert-function-instances/:instanceId', { ...feature }, (ctx) => ({
    data: { insertFunctionInstance: insertFunctionInstanceView(ctx.ws, find(ctx)) },
  })),
  route('updateInsertFunctionInstance', 'PATCH /insert-function-instances/:instanceId', { ...feature }, (ctx) => {
    const rec = find(ctx);
    const body = readBody<{ settings: Record<string, unknown>; name?: string; enabled?: boolean }>(
      ctx.body,
      { settings: map({ required: true }), name: str({ nonEmpty: true, max: 200 }), enabled: bool() },
      {
        functionId: 'functionId cannot be changed after an insert function instance is created.',
        integrationId: 'integrationId cannot be changed after an insert function instance is created.',
      },
    );
    rec.settings = body.settings;
    if (body.name !== undefined) rec.name = body.name;
    if (body.enabled !== undefined) rec.enabled = body.enabled;
    rec.updatedAt = ctx.ws.now();
    audit(ctx, 'Insert Function Instance Modified', 'insert_function_instance', rec.id, rec.name ?? rec.id);
    return { data: { insertFunctionInstance: insertFunctionInstanceView(ctx.ws, rec) } };
  }),
  route('deleteInsertFunctionInstance', 'DELETE /insert-function-instances/:instanceId', { ...feature }, (ctx) => {
    const rec = find(ctx);
    ctx.ws.insertFunctionInstances.delete(rec.id);
    audit(ctx, 'Insert Function Instance Deleted', 'insert_function_instance', rec.id, rec.name ?? rec.id);
    return SUCCESS;
  }),
];
