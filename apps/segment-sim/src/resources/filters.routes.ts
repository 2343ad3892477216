import { arr, bool, map, num, obj, readBody, str } from '../engine/validate';
import { RequestContext, route, RouteDef } from '../http/route';
import { validation } from '../http/sim-error';
import { FilterAction, FilterRecord } from '../state/records';
import { audit, found, list, SUCCESS } from './common';
import { findDestination } from './destinations.routes';
import { checkFql } from './fql';

const actionSpec = obj({
  type: str({ required: true, enum: ['ALLOW_PROPERTIES', 'DROP', 'DROP_PROPERTIES', 'SAMPLE'] }),
  fields: map(),
  percent: num({ min: 0, max: 1 }),
  path: str(),
});

function checkActions(actions: FilterAction[]): void {
  actions.forEach((action, index) => {
    const at = `actions[${index}]`;
    if (action.type === 'SAMPLE' && (action.percent === undefined || action.path === undefined)) {
      throw validation(`${at}.percent`, `A SAMPLE action needs percent (0–1) and path.`);
    }
    if ((action.type === 'DROP_PROPERTIES' || action.type === 'ALLOW_PROPERTIES') && !action.fields) {
      throw validation(`${at}.fields`, `A ${action.type} action needs fields.`);
    }
  });
}

const filtersOf = (ctx: RequestContext, destinationId: string) => ctx.ws.childCollection(ctx.ws.filters, destinationId);

function findFilter(ctx: RequestContext): FilterRecord {
  const destination = findDestination(ctx, ctx.params.destinationId!);
  return found(filtersOf(ctx, destination.id).get(ctx.params.filterId!), 'Filter', ctx.params.filterId!);
}

const filterView = (rec: FilterRecord) => rec;

export const filterRoutes: RouteDef[] = [
  route('listFiltersFromDestination', 'GET /destination/:destinationId/filters', (ctx) => {
    const destination = findDestination(ctx, ctx.params.destinationId!);
    return list(ctx, 'filters', filtersOf(ctx, destination.id), `filters:${destination.id}`, filterView);
  }),
  route('createFilterForDestination', 'POST /destination/:destinationId/filters', (ctx) => {
    const destination = findDestination(ctx, ctx.params.destinationId!);
    const body = readBody<{
      sourceId?: string;
      if: string;
      actions: FilterAction[];
      title?: string;
      description?: string;
      enabled: boolean;
    }>(ctx.body, {
      sourceId: str(),
      if: str({ required: true }),
      actions: arr(actionSpec, { required: true, nonEmpty: true }),
      title: str({ max: 200 }),
      description: str(),
      enabled: bool({ required: true }),
    });
    if (body.sourceId !== undefined && body.sourceId !== destination.sourceId) {
      throw validation('sourceId', `sourceId must be the Destination's Source (${destination.sourceId}).`);
    }
    checkFql(body.if, 'if');
    checkActions(body.actions);
    const now = ctx.ws.now();
    const rec: FilterRecord = {
      id: ctx.ws.ids.ksuid(),
      sourceId: destination.sourceId,
      destinationId: destination.id,
      if: body.if,
      actions: body.actions,
      title: body.title ?? '',
      enabled: body.enabled,
      createdAt: now,
      updatedAt: now,
      ...(body.description !== undefined ? { description: body.description } : {}),
    };
    filtersOf(ctx, destination.id).set(rec.id, rec);
    audit(ctx, 'Destination Filter Created', 'destination_filter', rec.id, rec.title);
    return { data: { filter: filterView(rec) } };
  }),
  route('getFilterInDestination', 'GET /destination/:destinationId/filters/:filterId', (ctx) => ({
    data: { filter: filterView(findFilter(ctx)) },
  })),
  route('updateFilterForDestination', 'PATCH /destination/:destinationId/filters/:filterId', (ctx) => {
    const rec = findFilter(ctx);
    const body = readBody<{ if?: string; actions?: FilterAction[]; title?: string; description?: string | null; enabled?: boolean }>(
      ctx.body,
      {
        if: str(),
        actions: arr(actionSpec, { nonEmpty: true }),
        title: str({ max: 200 }),
        description: str({ nullable: true }),
        enabled: bool(),
      },
      {
        sourceId: 'sourceId cannot be changed after a Filter is created.',
        destinationId: 'destinationId cannot be changed after a Filter is created.',
      },
    );
    if (body.if !== undefined) {
      checkFql(body.if, 'if');
      rec.if = body.if;
    }
    if (body.actions !== undefined) {
      checkActions(body.actions);
      rec.actions = body.actions;
    }
    if (body.title !== undefined) rec.title = body.title;
    if (body.description === null) delete rec.description;
    else if (body.description !== undefined) rec.description = body.description;
    if (body.enabled !== undefined) rec.enabled = body.enabled;
    rec.updatedAt = ctx.ws.now();
    audit(ctx, 'Destination Filter Modified', 'destination_filter', rec.id, rec.title);
    return { data: { filter: filterView(rec) } };
  }),
  route('removeFilterFromDestination', 'DELETE /destination/:destinationId/filters/:filterId', (ctx) => {
    const rec = findFilter(ctx);
    filtersOf(ctx, rec.destinationId).delete(rec.id);
    audit(ctx, 'Destination Filter Deleted', 'destination_filter', rec.id, rec.title);
    return SUCCESS;
  }),
];
