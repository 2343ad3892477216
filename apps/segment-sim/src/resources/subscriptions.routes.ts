import { bool, map, obj, readBody, str } from '../engine/validate';
import { RequestContext, route, RouteDef } from '../http/route';
import { validation } from '../http/sim-error';
import { ReverseEtlSchedule, SubscriptionRecord } from '../state/records';
import { subscriptionView } from '../state/views';
import { audit, found, list, SUCCESS } from './common';
import { findDestination } from './destinations.routes';
import { checkFql } from './fql';

const FIVE_PER_MINUTE = { points: 5, per: 'minute' } as const;
const scheduleSpec = obj({
  strategy: str({ required: true, enum: ['MANUAL', 'PERIODIC', 'SPECIFIC_DAYS', 'CRON', 'DBT_CLOUD'] }),
  config: map({ nullable: true }),
});

const subscriptionsOf = (ctx: RequestContext, destinationId: string) => ctx.ws.childCollection(ctx.ws.subscriptions, destinationId);

function findSubscription(ctx: RequestContext): SubscriptionRecord {
  const destination = findDestination(ctx, ctx.params.destinationId!);
  return found(subscriptionsOf(ctx, destination.id).get(ctx.params.id!), 'Subscription', ctx.params.id!);
}

function checkSettings(ctx: RequestContext, actionId: string, settings: Record<string, unknown> | undefined, field: string): void {
  const action = ctx.catalog.actionsById.get(actionId);
  const fields = action ? ctx.catalog.destinationsById.get(action.destinationMetadataId)?.actions.get(actionId)?.fieldKeys : undefined;
  for (const key of Object.keys(settings ?? {})) {
    if (fields && !fields.has(key)) throw validation(`${field}.${key}`, `'${key}' is not a field of action '${action?.slug}'.`);
  }
}

export const subscriptionRoutes: RouteDef[] = [
  route(
    'listSubscriptionsFromDestination',
    'GET /destinations/:destinationId/subscriptions',
    { feature: 'Destination Subscriptions' },
    (ctx) => {
      const destination = findDestination(ctx, ctx.params.destinationId!);
      return list(ctx, 'subscriptions', subscriptionsOf(ctx, destination.id), `subs:${destination.id}`, (rec) =>
        subscriptionView(ctx.catalog, rec),
      );
    },
  ),
  route(
    'createDestinationSubscription',
    'POST /destinations/:destinationId/subscriptions',
    { feature: 'Destination Subscriptions', rateLimit: FIVE_PER_MINUTE },
    (ctx) => {
      const destination = findDestination(ctx, ctx.params.destinationId!);
      const body = readBody<{
        name: string;
        actionId: string;
        trigger: string;
        enabled: boolean;
        settings?: Record<string, unknown>;
        modelId?: string;
        reverseETLSchedule?: ReverseEtlSchedule;
      }>(ctx.body, {
        name: str({ required: true, nonEmpty: true, max: 200 }),
        actionId: str({ required: true, nonEmpty: true }),
        trigger: str({ required: true }),
        enabled: bool({ required: true }),
        settings: map(),
        modelId: str({ nonEmpty: true }),
        reverseETLSchedule: scheduleSpec,
      });
      const action = ctx.catalog.actionsById.get(body.actionId);
      if (!action || action.destinationMetadataId !== destination.metadataId) {
        throw validation('actionId', `actionId '${body.actionId}' is not an action of this Destination's catalog entry.`);
      }
      if (body.modelId !== undefined && !ctx.ws.reverseEtlModels.has(body.modelId)) {
        throw validation('modelId', `Reverse ETL model '${body.modelId}' does not exist in this workspace.`);
      }
      if (body.modelId === undefined) checkFql(body.trigger, 'trigger');
      checkSettings(ctx, body.actionId, body.settings, 'settings');
      const rec: SubscriptionRecord = {
        id: ctx.ws.ids.base62(),
        name: body.name,
        actionId: body.actionId,
        actionSlug: action.slug,
        destinationId: destination.id,
        enabled: body.enabled,
        settings: body.settings ?? {},
        trigger: body.trigger,
        ...(body.modelId !== undefined ? { modelId: body.modelId } : {}),
        ...(body.reverseETLSchedule !== undefined ? { reverseETLSchedule: body.reverseETLSchedule } : {}),
      };
      subscriptionsOf(ctx, destination.id).set(rec.id, rec);
      audit(ctx, 'Destination Subscription Created', 'destination_subscription', rec.id, rec.name);
      return { data: { destinationSubscription: subscriptionView(ctx.catalog, rec) } };
    },
  ),
  route(
    'getSubscriptionFromDestination',
    'GET /destinations/:destinationId/subscriptions/:id',
    { feature: 'Destination Subscriptions' },
    (ctx) => ({ data: { subscription: subscriptionView(ctx.catalog, findSubscription(ctx)) } }),
  ),
  route(
    'updateSubscriptionForDestination',
    'PATCH /destinations/:destinationId/subscriptions/:id',
    { feature: 'Destination Subscriptions', rateLimit: FIVE_PER_MINUTE },
    (ctx) => {
      const rec = findSubscription(ctx);
      const { input } = readBody<{
        input: {
          name?: string;
          trigger?: string;
          enabled?: boolean;
          settings?: Record<string, unknown>;
          reverseETLModelId?: string;
          reverseETLSchedule?: ReverseEtlSchedule;
        };
      }>(ctx.body, {
        input: obj(
          {
            name: str({ nonEmpty: true, max: 200 }),
            trigger: str(),
            enabled: bool(),
            settings: map(),
            reverseETLModelId: str(),
            reverseETLSchedule: scheduleSpec,
          },
          {
            required: true,
            rejected: {
              actionId: 'actionId cannot be changed after a Subscription is created; create a new Subscription.',
              destinationId: 'destinationId cannot be changed after a Subscription is created.',
              modelId: 'modelId cannot be changed after a Subscription is created.',
            },
          },
        ),
      });
      if (input.reverseETLModelId !== undefined && input.reverseETLModelId !== rec.modelId) {
        throw validation('input.reverseETLModelId', 'The Reverse ETL model of a Subscription cannot be changed after it is created.');
      }
      if (input.trigger !== undefined) {
        if (rec.modelId === undefined) checkFql(input.trigger, 'input.trigger');
        rec.trigger = input.trigger;
      }
      if (input.settings !== undefined) {
        checkSettings(ctx, rec.actionId, input.settings, 'input.settings');
        rec.settings = input.settings;
      }
      if (input.name !== undefined) rec.name = input.name;
      if (input.enabled !== undefined) rec.enabled = input.enabled;
      if (input.reverseETLSchedule !== undefined) rec.reverseETLSchedule = input.reverseETLSchedule;
      audit(ctx, 'Destination Subscription Modified', 'destination_subscription', rec.id, rec.name);
      return { data: { subscription: subscriptionView(ctx.catalog, rec) } };
    },
  ),
  route(
    'removeSubscriptionFromDestination',
    'DELETE /destinations/:destinationId/subscriptions/:id',
    { feature: 'Destination Subscriptions', rateLimit: FIVE_PER_MINUTE },
    (ctx) => {
      const rec = findSubscription(ctx);
      subscriptionsOf(ctx, rec.destinationId).delete(rec.id);
      audit(ctx, 'Destination Subscription Deleted', 'destination_subscription', rec.id, rec.name);
      return SUCCESS;
    },
  ),
];
