import { SeqArray } from '../engine/pagination';
import { map, readBody, str } from '../engine/validate';
import { RequestContext, route, RouteDef } from '../http/route';
import { conflict, validation } from '../http/sim-error';
import { CredentialRecord } from '../state/records';
import { credentialView, sourceJson, warehouseJson } from '../state/views';
import { WorkspaceState } from '../state/workspace-state';
import { audit, found, list, SUCCESS } from './common';
import { paginate, readPageInput } from '../engine/pagination';

const find = (ctx: RequestContext) => found(ctx.ws.credentials.get(ctx.params.credentialId!), 'Credential', ctx.params.credentialId!);

/** Warehouses and sources that connect with a credential name it in their settings. */
function consumers(ws: WorkspaceState, credentialId: string) {
  return {
    warehouses: ws.warehouses.values().filter((w) => w.settings.credentialId === credentialId),
    sources: ws.sources.values().filter((s) => s.settings.credentialId === credentialId),
  };
}

export const credentialRoutes: RouteDef[] = [
  route('listCredentials', 'GET /credentials', (ctx) =>
    list(ctx, 'credentials', ctx.ws.credentials, 'credentials', (rec) => ({ ...credentialView(rec), workspaceId: ctx.ws.id })),
  ),
  route('createCredential', 'POST /credentials', (ctx) => {
    const body = readBody<{ name: string; settings: Record<string, unknown> }>(ctx.body, {
      name: str({ required: true, nonEmpty: true, max: 200 }),
      settings: map({ required: true }),
    });
    if (typeof body.settings.type !== 'string' || body.settings.type === '')
      throw validation('settings.type', 'settings.type is required (e.g. Snowflake, Redshift).');
    const now = ctx.ws.now();
    const rec: CredentialRecord = { id: ctx.ws.ids.base62(), name: body.name, settings: body.settings, createdAt: now, updatedAt: now };
    ctx.ws.credentials.set(rec.id, rec);
    audit(ctx, 'Credential Created', 'credential', rec.id, rec.name);
    return { data: { credential: { ...credentialView(rec), workspaceId: ctx.ws.id } } };
  }),
  route('getCredential', 'GET /credentials/:credentialId', (ctx) => ({
    data: { credential: { ...credentialView(find(ctx)), workspaceId: ctx.ws.id } },
  })),
  route('updateCredential', 'PATCH /credentials/:credentialId', (ctx) => {
    const rec = find(ctx);
    const body = readBody<{ name?: string; settings?: Record<string, unknown> }>(ctx.body, {
      name: str({ nonEmpty: true, max: 200 }),
      settings: map(),
    });
    if (body.settings?.type !== undefined && body.settings.type !== rec.settings.type) {
      throw validation(
        'settings.type',
        `settings.type cannot be changed after a Credential is created (it is ${String(rec.settings.type)}).`,
      );
    }
    if (body.name !== undefined) rec.name = body.name;
    if (body.settings !== undefined) rec.settings = { ...rec.settings, ...body.settings };
    rec.updatedAt = ctx.ws.now();
    audit(ctx, 'Credential Modified', 'credential', rec.id, rec.name);
    return { data: { credential: { ...credentialView(rec), workspaceId: ctx.ws.id } } };
  }),
  route('deleteCredential', 'DELETE /credentials/:credentialId', (ctx) => {
    const rec = find(ctx);
    const used = consumers(ctx.ws, rec.id);
    if (used.warehouses.length || used.sources.length) {
      throw conflict(`Credential '${rec.name}' is in use by ${used.warehouses.length} warehouse(s) and ${used.sources.length} source(s).`);
    }
    ctx.ws.credentials.delete(rec.id);
    audit(ctx, 'Credential Deleted', 'credential', rec.id, rec.name);
    return SUCCESS;
  }),
  route('listCredentialConsumers', 'GET /credentials/:credentialId/consumers', (ctx) => {
    const rec = find(ctx);
    const used = consumers(ctx.ws, rec.id);
    const warehouses = paginate(
      SeqArray.of(used.warehouses),
      readPageInput({ pagination: ctx.query.warehousesPagination }, `cc-w:${rec.id}`),
      `cc-w:${rec.id}`,
    );
    const sources = paginate(
      SeqArray.of(used.sources),
      readPageInput({ pagination: ctx.query.sourcesPagination }, `cc-s:${rec.id}`),
      `cc-s:${rec.id}`,
    );
    return {
      dataJson:
        `{"warehouses":[${warehouses.items.map((w) => warehouseJson(ctx.catalog, ctx.ws, w)).join(',')}],"warehousesPagination":${JSON.stringify(warehouses.pagination)},` +
        `"sources":[${sources.items.map((s) => sourceJson(ctx.catalog, ctx.ws, s, ctx.token.sourceAdmin)).join(',')}],"sourcesPagination":${JSON.stringify(sources.pagination)}}`,
    };
  }),
];
