import { JsonObject } from '@app/core';
import { defineKind, nk, omit, ref, str, unmaskable } from './helpers';

export const reverseEtlModelKind = defineKind({
  kind: 'reverse-etl-model',
  label: 'reverse ETL model',
  list: { path: '/reverse-etl-models', itemsKey: 'models', paginated: true },
  normalize: (raw) => omit(raw, ['id']),
  id: (raw) => str(raw.id),
  naturalKey: (body, ctx) => nk(ctx.ref('source', str(body.sourceId)), str(body.name)),
  references: (body) => ref(body, 'sourceId', 'source'),
  createOnly: ['/sourceId'],
});

const hasActions = (raw: JsonObject): boolean => (((raw.metadata as JsonObject | undefined)?.actions as unknown[] | undefined)?.length ?? 0) > 0;

/** A destination's catalog entry, or the destination function it runs (by workspace catalog id). */
export const destinationKind = defineKind({
  kind: 'destination',
  label: 'destination',
  list: { path: '/destinations', itemsKey: 'destinations', paginated: true },
  normalize: (raw) => {
    const body: JsonObject = {
      sourceId: raw.sourceId,
      metadataId: str((raw.metadata as JsonObject | undefined)?.id ?? raw.metadataId),
      enabled: raw.enabled,
      settings: unmaskable((raw.settings as JsonObject | undefined) ?? {}),
    };
    if (raw.name !== undefined && raw.name !== null) body.name = raw.name;
    return body;
  },
  id: (raw) => str(raw.id),
  naturalKey: (body, ctx) =>
    nk(ctx.ref('source', str(body.sourceId)), ctx.ref('function', str(body.metadataId), 'catalogId') ?? str(body.metadataId), str(body.name)),
  displayName: (body) => str(body.name ?? body.metadataId),
  references: (body) => [...ref(body, 'sourceId', 'source'), ...ref(body, 'metadataId', 'function', { by: 'catalogId', optional: true })],
  createOnly: ['/sourceId', '/metadataId'],
  secrets: ['/settings/*'],
});

/** Actions mappings; only Actions destinations have them, so others are not asked. */
export const destinationSubscriptionKind = defineKind({
  kind: 'destination-subscription',
  label: 'subscription',
  feature: 'Destination Subscriptions',
  parent: { kind: 'destination', when: hasActions },
  list: { path: '/destinations/{parentId}/subscriptions', itemsKey: 'subscriptions', paginated: true },
  normalize: (raw) => unmaskable(omit(raw, ['id', 'actionSlug'])),
  id: (raw) => str(raw.id),
  naturalKey: (body, ctx) => nk(ctx.ref('destination', str(body.destinationId)), str(body.name)),
  references: (body) => [...ref(body, 'destinationId', 'destination'), ...ref(body, 'modelId', 'reverse-etl-model')],
  createOnly: ['/destinationId', '/actionId', '/modelId'],
  secrets: ['/settings/*'],
});

export const destinationFilterKind = defineKind({
  kind: 'destination-filter',
  label: 'filter',
  parent: { kind: 'destination' },
  list: { path: '/destination/{parentId}/filters', itemsKey: 'filters', paginated: true },
  normalize: (raw) => omit(raw, ['id', 'createdAt', 'updatedAt']),
  id: (raw) => str(raw.id),
  naturalKey: (body, ctx) => nk(ctx.ref('destination', str(body.destinationId)), str(body.title)),
  displayName: (body) => str(body.title),
  references: (body) => [...ref(body, 'destinationId', 'destination'), ...ref(body, 'sourceId', 'source')],
  createOnly: ['/destinationId', '/sourceId'],
});
