import { Pageable, paginate, readPageInput } from '../engine/pagination';
import { map, readValue, str } from '../engine/validate';
import { HandlerResult, RequestContext } from '../http/route';
import { badRequest, notFound, validation } from '../http/sim-error';
import { SettingFlags } from '../integration-catalog/integration-catalog';
import { Settings } from '../state/records';
import { MASK } from '../state/views';

export const SUCCESS: HandlerResult = { data: { status: 'SUCCESS' } };

export function found<T>(value: T | undefined, what: string, id: string): T {
  if (value === undefined) throw notFound(what, id);
  return value;
}

function page<T>(ctx: RequestContext, items: Pageable<T>, listId: string) {
  const input = readPageInput(ctx.query, listId);
  const startIndex = items.indexAfter(input.afterSeq);
  ctx.onPage(Math.floor(startIndex / input.count) + 1);
  return paginate(items, input, listId);
}

/** A paginated list whose items are serialized by `view`. */
export function list<T>(ctx: RequestContext, key: string, items: Pageable<T>, listId: string, view: (item: T) => unknown): HandlerResult {
  const { items: pageItems, pagination } = page(ctx, items, listId);
  return { data: { [key]: pageItems.map(view), pagination } };
}

const COMMA = Buffer.from(',');

/** A paginated list of pre-serialized items: pages of 1,000 destinations are spliced, not re-encoded. */
export function listJson<T>(
  ctx: RequestContext,
  key: string,
  items: Pageable<T>,
  listId: string,
  toJson: (item: T) => Buffer | string,
): HandlerResult {
  const { items: pageItems, pagination } = page(ctx, items, listId);
  const parts: Buffer[] = [Buffer.from(`{"${key}":[`)];
  pageItems.forEach((item, index) => {
    if (index > 0) parts.push(COMMA);
    const json = toJson(item);
    parts.push(typeof json === 'string' ? Buffer.from(json) : json);
  });
  parts.push(Buffer.from(`],"pagination":${JSON.stringify(pagination)}}`));
  return { dataJson: Buffer.concat(parts) };
}

export function actor(ctx: RequestContext): string {
  return `public-api-token/${ctx.token.tokenId}`;
}

export function audit(ctx: RequestContext, type: string, resourceType: string, resourceId: string, resourceName: string): void {
  ctx.ws.audit({ type, actor: actor(ctx), resourceType, resourceId, resourceName });
}

/** Reads a query parameter holding a list: `a=1&a=2`, `a[]=1`, `a[0]=1` or `a=1,2`. */
export function queryList(ctx: RequestContext, name: string): string[] {
  const raw = ctx.query[name];
  const values = Array.isArray(raw) ? raw : raw === undefined ? [] : typeof raw === 'object' ? Object.values(raw as object) : [raw];
  const out = values
    .flatMap((v) => (typeof v === 'string' ? v.split(',') : []))
    .map((v) => v.trim())
    .filter(Boolean);
  if (out.length === 0) throw validation(name, `${name} is required: pass one or more values.`);
  return out;
}

export function queryString(ctx: RequestContext, name: string, required = false): string | undefined {
  return readValue<string | undefined>(ctx.query[name], str({ required, nonEmpty: true }), name);
}

/**
 * Applies a settings PATCH: top-level keys sent replace the stored ones, `null` removes a key,
 * keys not sent are kept. Values are stored as sent — including Segment's mask, which a client
 * that echoes a read back would write over the real secret.
 */
export function mergeSettings(current: Settings, patch: Settings, flags: SettingFlags, field = 'settings'): Settings {
  const writable = Object.keys(patch).filter((key) => !flags.readOnly.has(key));
  if (Object.keys(patch).length > 0 && writable.length === 0) {
    throw badRequest(`Only read-only settings were sent (${Object.keys(patch).join(', ')}); nothing to update.`, field);
  }
  const next: Settings = { ...current };
  for (const key of writable) {
    if (patch[key] === null) delete next[key];
    else next[key] = patch[key];
  }
  return next;
}

/** Settings on create: read-only ones are computed by Segment and ignored. */
export function createSettings(settings: Settings | undefined, flags: SettingFlags): Settings {
  const out: Settings = {};
  for (const [key, value] of Object.entries(settings ?? {})) if (!flags.readOnly.has(key) && value !== null) out[key] = value;
  return out;
}

export function readSettings(value: unknown, field = 'settings', required = false): Settings | undefined {
  return readValue<Settings | undefined>(value, map({ required }), field);
}

export const isMasked = (value: unknown): boolean => typeof value === 'string' && value.includes('•');
export { MASK };
