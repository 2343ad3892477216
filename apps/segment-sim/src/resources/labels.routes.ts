import { obj, readBody, str } from '../engine/validate';
import { RequestContext, route, RouteDef } from '../http/route';
import { conflict, notFound, validation } from '../http/sim-error';
import { LabelRecord, LabelRef } from '../state/records';
import { labelKey } from '../state/workspace-state';
import { audit, SUCCESS } from './common';

const LABEL_PART = /^[A-Za-z0-9_.-]{1,255}$/;

export const labelFields = {
  key: str({ required: true, nonEmpty: true }),
  value: str({ required: true, nonEmpty: true }),
  description: str(),
};

/** Resolves label references against the workspace's labels: they must exist already. */
export function resolveLabels(ctx: RequestContext, refs: LabelRef[], field: string): LabelRef[] {
  const seen = new Set<string>();
  const out: LabelRef[] = [];
  refs.forEach((ref, index) => {
    const key = labelKey(ref.key, ref.value);
    if (!ctx.ws.labels.has(key))
      throw validation(`${field}[${index}]`, `Label '${key}' does not exist in this workspace; create it first.`);
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ key: ref.key, value: ref.value });
    }
  });
  return out;
}

export const labelRoutes: RouteDef[] = [
  // The one list Segment does not paginate.
  route('listLabels', 'GET /labels', (ctx) => ({ data: { labels: ctx.ws.labels.values() } })),
  route('createLabel', 'POST /labels', { rateLimit: { points: 60, per: 'minute' } }, (ctx) => {
    const { label } = readBody<{ label: LabelRecord }>(ctx.body, { label: obj(labelFields, { required: true }) });
    for (const part of ['key', 'value'] as const) {
      if (!LABEL_PART.test(label[part])) {
        throw validation(`label.${part}`, `label.${part} may only hold letters, digits, '_', '.' and '-' (1–255 characters).`);
      }
    }
    const key = labelKey(label.key, label.value);
    if (ctx.ws.labels.has(key)) throw conflict(`Label '${key}' already exists.`, 'label');
    const record: LabelRecord = {
      key: label.key,
      value: label.value,
      ...(label.description !== undefined ? { description: label.description } : {}),
    };
    ctx.ws.labels.set(key, record);
    audit(ctx, 'Label Created', 'label', key, key);
    // v1alpha answers with every label of the workspace, v1 with the one created (v32 createLabel responses)
    return ctx.version === 'v1alpha' ? { data: { labels: ctx.ws.labels.values() } } : { data: { label: record } };
  }),
  route('deleteLabel', 'DELETE /labels/:key/:value', { rateLimit: { points: 60, per: 'minute' } }, (ctx) => {
    const key = labelKey(ctx.params.key!, ctx.params.value!);
    if (!ctx.ws.labels.has(key)) throw notFound('Label', key);
    const users = ctx.ws.sources.values().filter((s) => s.labels.some((l) => labelKey(l.key, l.value) === key));
    if (users.length > 0) {
      const names = users
        .slice(0, 5)
        .map((s) => s.slug)
        .join(', ');
      throw conflict(`Label '${key}' is in use by ${users.length} source(s) (${names}); remove it from them first.`);
    }
    ctx.ws.labels.delete(key);
    audit(ctx, 'Label Deleted', 'label', key, key);
    return SUCCESS;
  }),
];
