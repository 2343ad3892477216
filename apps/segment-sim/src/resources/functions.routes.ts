import { SeqArray } from '../engine/pagination';
import { arr, bool, obj, readBody, readValue, str } from '../engine/validate';
import { MB, RequestContext, route, RouteDef } from '../http/route';
import { conflict, validation } from '../http/sim-error';
import { FunctionRecord, FunctionResourceType, FunctionSetting } from '../state/records';
import { functionView } from '../state/views';
import { WorkspaceState } from '../state/workspace-state';
import { actor, audit, found, list, SUCCESS } from './common';

export const FUNCTION_TYPES: FunctionResourceType[] = [
  'SOURCE',
  'DESTINATION',
  'INSERT_SOURCE',
  'INSERT_DESTINATION',
  'INSERT_TRANSFORMATION',
];
export const FUNCTION_ID_PREFIX: Record<FunctionResourceType, string> = {
  SOURCE: 'sfnc_',
  DESTINATION: 'dfn_',
  INSERT_SOURCE: 'ifns_',
  INSERT_DESTINATION: 'ifnd_',
  INSERT_TRANSFORMATION: 'iftr_',
};
const AUDIT_NAME: Record<FunctionResourceType, string> = {
  SOURCE: 'Source Function',
  DESTINATION: 'Destination Function',
  INSERT_SOURCE: 'Insert Function',
  INSERT_DESTINATION: 'Insert Function',
  INSERT_TRANSFORMATION: 'Insert Function',
};

const fnFeature = { feature: 'Functions' as const, maxBodyBytes: 25 * MB };
const settingSpec = obj({
  name: str({ required: true, nonEmpty: true }),
  label: str({ required: true }),
  description: str({ required: true }),
  type: str({ required: true, enum: ['ARRAY', 'BOOLEAN', 'STRING', 'TEXT_MAP'] }),
  required: bool({ required: true }),
  sensitive: bool({ required: true }),
});

export const findFunction = (ctx: RequestContext, id: string): FunctionRecord => found(ctx.ws.functions.get(id), 'Function', id);

/** Segment appends the workspace to a destination function's display name (it becomes a catalog entry). */
export function functionDisplayName(ws: WorkspaceState, type: FunctionResourceType, displayName: string): string {
  const suffix = ` (${ws.slug})`;
  return type === 'DESTINATION' && !displayName.endsWith(suffix) ? `${displayName}${suffix}` : displayName;
}

function checkSettings(settings: FunctionSetting[] | undefined): void {
  const names = new Set<string>();
  (settings ?? []).forEach((setting, index) => {
    if (names.has(setting.name)) throw validation(`settings[${index}].name`, `Duplicate setting '${setting.name}'.`);
    names.add(setting.name);
  });
}

function functionDependents(ws: WorkspaceState, fn: FunctionRecord): string[] {
  const out: string[] = [];
  const destinations = ws.destinations.values().filter((d) => d.metadataId === fn.catalogId);
  if (destinations.length) out.push(`${destinations.length} destination(s)`);
  const sources = ws.sources.values().filter((s) => s.metadataId === fn.catalogId);
  if (sources.length) out.push(`${sources.length} source(s)`);
  const instances = ws.insertFunctionInstances.values().filter((i) => i.functionId === fn.catalogId);
  if (instances.length) out.push(`${instances.length} insert function instance(s)`);
  return out;
}

export const functionRoutes: RouteDef[] = [
  route('listFunctions', 'GET /functions', { ...fnFeature }, (ctx) => {
    const type = readValue<FunctionResourceType>(ctx.query.resourceType, str({ required: true, enum: FUNCTION_TYPES }), 'resourceType');
    const rows = ctx.ws.functions.keyList().map((id, index) => ({ seq: index + 1, value: ctx.ws.functions.get(id)! }));
    return list(ctx, 'functions', new SeqArray(rows.filter((row) => row.value.resourceType === type)), `functions:${type}`, (fn) =>
      functionView(fn, false),
    );
  }),
  route('createFunction', 'POST /functions', { ...fnFeature }, (ctx) => {
    const body = readBody<{
      code: string;
      settings?: FunctionSetting[];
      displayName: string;
      logoUrl?: string;
      resourceType: FunctionResourceType;
      description?: string;
    }>(ctx.body, {
      code: str({ required: true, nonEmpty: true }),
      settings: arr(settingSpec),
      displayName: str({ required: true, nonEmpty: true, max: 200 }),
      logoUrl: str(),
      resourceType: str({ required: true, enum: FUNCTION_TYPES }),
      description: str(),
    });
    checkSettings(body.settings);
    const displayName = functionDisplayName(ctx.ws, body.resourceType, body.displayName);
    if (ctx.ws.functions.values().some((fn) => fn.resourceType === body.resourceType && fn.displayName === displayName)) {
      throw conflict(`A ${body.resourceType} function named '${displayName}' already exists.`, 'displayName');
    }
    const catalogId = ctx.ws.ids.base62(22);
    const now = ctx.ws.now();
    const rec: FunctionRecord = {
      id: FUNCTION_ID_PREFIX[body.resourceType] + catalogId,
      resourceType: body.resourceType,
      displayName,
      code: body.code,
      settings: body.settings ?? [],
      catalogId,
      createdAt: now,
      createdBy: ctx.token.tokenId,
      deployedAt: null,
      previewWebhookUrl: body.resourceType === 'SOURCE' ? `https://fn.segmentapis.com/?b=${catalogId}` : '',
      batchMaxCount: 0,
      versions: [{ id: ctx.ws.ids.base62(), code: body.code, createdAt: now }],
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(body.logoUrl !== undefined ? { logoUrl: body.logoUrl } : {}),
    };
    ctx.ws.functions.set(rec.id, rec);
    audit(ctx, `${AUDIT_NAME[rec.resourceType]} Created`, 'function', rec.id, rec.displayName);
    return { data: { function: functionView(rec, true) } };
  }),
  route('getFunction', 'GET /functions/:functionId', { ...fnFeature }, (ctx) => ({
    data: { function: functionView(findFunction(ctx, ctx.params.functionId!), true) },
  })),
  route('updateFunction', 'PATCH /functions/:functionId', { ...fnFeature }, (ctx) => {
    const rec = findFunction(ctx, ctx.params.functionId!);
    const body = readBody<{ code?: string; settings?: FunctionSetting[]; displayName?: string; logoUrl?: string; description?: string }>(
      ctx.body,
      {
        code: str({ nonEmpty: true }),
        settings: arr(settingSpec),
        displayName: str({ nonEmpty: true, max: 200 }),
        logoUrl: str(),
        description: str(),
      },
      { resourceType: 'resourceType cannot be changed after a Function is created; create a new Function.' },
    );
    checkSettings(body.settings);
    if (body.displayName !== undefined) rec.displayName = functionDisplayName(ctx.ws, rec.resourceType, body.displayName);
    if (body.code !== undefined && body.code !== rec.code) {
      rec.code = body.code;
      rec.versions.push({ id: ctx.ws.ids.base62(), code: body.code, createdAt: ctx.ws.now() });
    }
    if (body.settings !== undefined) rec.settings = body.settings;
    if (body.logoUrl !== undefined) rec.logoUrl = body.logoUrl;
    if (body.description !== undefined) rec.description = body.description;
    for (const d of ctx.ws.destinations.values()) if (d.metadataId === rec.catalogId) ctx.ws.touch(d);
    audit(ctx, `${AUDIT_NAME[rec.resourceType]} Modified`, 'function', rec.id, rec.displayName);
    return { data: { function: functionView(rec, true) } };
  }),
  route('deleteFunction', 'DELETE /functions/:functionId', { ...fnFeature }, (ctx) => {
    const rec = findFunction(ctx, ctx.params.functionId!);
    const dependents = functionDependents(ctx.ws, rec);
    if (dependents.length) throw conflict(`Function '${rec.displayName}' is in use by ${dependents.join(', ')}; delete them first.`);
    ctx.ws.functions.delete(rec.id);
    audit(ctx, `${AUDIT_NAME[rec.resourceType]} Deleted`, 'function', rec.id, rec.displayName);
    return SUCCESS;
  }),
  route('createFunctionDeployment', 'POST /functions/:functionId/deploy', { ...fnFeature }, (ctx) => {
    const rec = findFunction(ctx, ctx.params.functionId!);
    if (rec.resourceType !== 'SOURCE')
      throw validation('functionId', 'Only source functions are deployed; other functions take effect when updated.');
    rec.deployedAt = ctx.ws.now();
    audit(ctx, 'Source Function Deployed', 'function', rec.id, rec.displayName);
    return { data: { functionDeployment: { status: 'SUCCESS' } } };
  }),
  route('listFunctionVersions', 'GET /functions/:functionId/versions', { ...fnFeature }, (ctx) => {
    const rec = findFunction(ctx, ctx.params.functionId!);
    // v73 `Version`: a listed version carries its code too
    return list(ctx, 'versions', SeqArray.of([...rec.versions].reverse()), `fn-versions:${rec.id}`, (v) => ({
      id: v.id,
      code: v.code,
      createdAt: v.createdAt,
      isDeployed: v.code === rec.code,
    }));
  }),
  route('getFunctionVersion', 'GET /functions/:functionId/versions/:versionId', { ...fnFeature }, (ctx) => {
    const rec = findFunction(ctx, ctx.params.functionId!);
    const version = found(
      rec.versions.find((v) => v.id === ctx.params.versionId),
      'Function version',
      ctx.params.versionId!,
    );
    return {
      data: { version: { id: version.id, code: version.code, createdAt: version.createdAt, isDeployed: version.code === rec.code } },
    };
  }),
  route('restoreFunctionVersion', 'POST /functions/:functionId/versions', { ...fnFeature }, (ctx) => {
    const rec = findFunction(ctx, ctx.params.functionId!);
    const { versionId } = readBody<{ versionId: string }>(ctx.body, { versionId: str({ required: true, nonEmpty: true }) });
    const version = rec.versions.find((v) => v.id === versionId);
    if (!version) throw validation('versionId', `Version '${versionId}' does not belong to this Function.`);
    const restored = { id: ctx.ws.ids.base62(), code: version.code, createdAt: ctx.ws.now() };
    rec.code = version.code;
    rec.versions.push(restored);
    ctx.ws.audit({
      type: `${AUDIT_NAME[rec.resourceType]} Modified`,
      actor: actor(ctx),
      resourceType: 'function',
      resourceId: rec.id,
      resourceName: rec.displayName,
    });
    return { data: { version: { ...restored, isDeployed: true } } };
  }),
];
