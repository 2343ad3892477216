import { JsonObject } from '@app/core';
import { changedFields, defineKind, idFrom, joinKey, nonEmpty, omit, pick, ref, settingsPatch, asString, unmaskable } from './helpers';

export const reverseEtlModelKind = defineKind({
  kind: 'reverse-etl-model',
  label: 'reverse ETL model',
  list: { path: '/reverse-etl-models', itemsKey: 'models', paginated: true },
  normalize: (raw) => omit(raw, ['id']),
  id: (raw) => asString(raw.id),
  naturalKey: (body, ctx) => joinKey(ctx.ref('source', asString(body.sourceId)), asString(body.name)),
  references: (body) => ref(body, 'sourceId', 'source'),
  createOnly: ['/sourceId'],
  write: {
    create: (desired) => ({
      method: 'POST',
      path: '/reverse-etl-models',
      body: pick(desired, ['sourceId', 'name', 'description', 'enabled', 'query', 'queryIdentifierColumn']),
      version: 'v1alpha',
    }),
    created: idFrom('reverseEtlModel'),
    update: (id, desired, live) => {
      const body = changedFields(desired, live, ['name', 'description', 'enabled', 'query', 'queryIdentifierColumn']);
      return nonEmpty(body) ? [{ method: 'PATCH', path: `/reverse-etl-models/${id}`, body, version: 'v1alpha' }] : [];
    },
    delete: (id) => ({ method: 'DELETE', path: `/reverse-etl-models/${id}` }),
  },
});

const hasActions = (raw: JsonObject): boolean =>
  (((raw.metadata as JsonObject | undefined)?.actions as unknown[] | undefined)?.length ?? 0) > 0;

/** A destination's catalog entry, or the destination function it runs (by workspace catalog id). */
export const destinationKind = defineKind({
  kind: 'destination',
  label: 'destination',
  enabledPointer: '/enabled',
  list: { path: '/destinations', itemsKey: 'destinations', paginated: true },
  normalize: (raw) => {
    const body: JsonObject = {
      sourceId: raw.sourceId,
      metadataId: asString((raw.metadata as JsonObject | undefined)?.id ?? raw.metadataId),
      enabled: raw.enabled,
      settings: unmaskable((raw.settings as JsonObject | undefined) ?? {}),
    };
    if (raw.name !== undefined && raw.name !== null) body.name = raw.name;
    return body;
  },
  id: (raw) => asString(raw.id),
  naturalKey: (body, ctx) =>
    joinKey(
      ctx.ref('source', asString(body.sourceId)),
      ctx.ref('function', asString(body.metadataId), 'catalogId') ?? asString(body.metadataId),
      asString(body.name),
    ),
  displayName: (body) => asString(body.name ?? body.metadataId),
  references: (body) => [...ref(body, 'sourceId', 'source'), ...ref(body, 'metadataId', 'function', { by: 'catalogId', optional: true })],
  createOnly: ['/sourceId', '/metadataId'],
  secrets: ['/settings/*'],
  catalogEntry: { pointer: '/metadataId', path: '/catalog/destinations/{id}', settings: '/settings' },
  write: {
    create: (desired) => ({
      method: 'POST',
      path: '/destinations',
      body: { ...pick(desired, ['sourceId', 'metadataId', 'enabled', 'name']), settings: desired.settings ?? {} },
    }),
    created: idFrom('destination'),
    update: (id, desired, live) => {
      const body = changedFields(desired, live, ['name', 'enabled']);
      if (live.name !== undefined && desired.name === undefined) body.name = null;
      const settings = settingsPatch(desired.settings, live.settings);
      // Segment answers 400 to a patch of only the settings it computes itself (they are not
      // listed anywhere): stating `enabled` too makes it a valid no-op for those, and the
      // verification reports what did not take.
      if (settings) Object.assign(body, { settings, enabled: desired.enabled });
      return nonEmpty(body) ? [{ method: 'PATCH', path: `/destinations/${id}`, body }] : [];
    },
    delete: (id) => ({ method: 'DELETE', path: `/destinations/${id}` }),
  },
});

/** Actions mappings; only Actions destinations have them, so others are not asked. */
export const destinationSubscriptionKind = defineKind({
  kind: 'destination-subscription',
  label: 'subscription',
  enabledPointer: '/enabled',
  feature: 'Destination Subscriptions',
  parent: { kind: 'destination', when: hasActions },
  list: { path: '/destinations/{parentId}/subscriptions', itemsKey: 'subscriptions', paginated: true },
  normalize: (raw) => unmaskable(omit(raw, ['id', 'actionSlug'])),
  id: (raw) => asString(raw.id),
  naturalKey: (body, ctx) => joinKey(ctx.ref('destination', asString(body.destinationId)), asString(body.name)),
  references: (body) => [...ref(body, 'destinationId', 'destination'), ...ref(body, 'modelId', 'reverse-etl-model')],
  createOnly: ['/destinationId', '/actionId', '/modelId'],
  secrets: ['/settings/*'],
  deletedWith: ['destination'],
  // Segment allows 5 subscription writes a minute: the slowest part of a restore.
  write: {
    create: (desired) => ({
      method: 'POST',
      path: `/destinations/${asString(desired.destinationId)}/subscriptions`,
      body: pick(desired, ['name', 'actionId', 'trigger', 'enabled', 'settings', 'modelId', 'reverseETLSchedule']),
      rateClass: 'subscriptions-write',
      version: 'v1alpha',
    }),
    created: idFrom('destinationSubscription'),
    update: (id, desired, live) => {
      const input = changedFields(desired, live, ['name', 'trigger', 'enabled', 'reverseETLSchedule']);
      const settings = settingsPatch(desired.settings, live.settings);
      if (settings) input.settings = desired.settings ?? {};
      return nonEmpty(input)
        ? [
            {
              method: 'PATCH',
              path: `/destinations/${asString(desired.destinationId)}/subscriptions/${id}`,
              body: { input },
              rateClass: 'subscriptions-write',
              version: 'v1alpha',
            },
          ]
        : [];
    },
    replaces: [{ pointer: '/settings' }],
    delete: (id, live) => ({
      method: 'DELETE',
      path: `/destinations/${asString(live.destinationId)}/subscriptions/${id}`,
      rateClass: 'subscriptions-write',
    }),
  },
});

export const destinationFilterKind = defineKind({
  kind: 'destination-filter',
  label: 'filter',
  enabledPointer: '/enabled',
  parent: { kind: 'destination' },
  list: { path: '/destination/{parentId}/filters', itemsKey: 'filters', paginated: true },
  normalize: (raw) => omit(raw, ['id', 'createdAt', 'updatedAt']),
  id: (raw) => asString(raw.id),
  naturalKey: (body, ctx) => joinKey(ctx.ref('destination', asString(body.destinationId)), asString(body.title)),
  displayName: (body) => asString(body.title),
  references: (body) => [...ref(body, 'destinationId', 'destination'), ...ref(body, 'sourceId', 'source')],
  createOnly: ['/destinationId', '/sourceId'],
  deletedWith: ['destination'],
  write: {
    create: (desired) => ({
      method: 'POST',
      path: `/destination/${asString(desired.destinationId)}/filters`,
      body: pick(desired, ['sourceId', 'if', 'actions', 'title', 'description', 'enabled']),
    }),
    created: idFrom('filter'),
    update: (id, desired, live) => {
      const body = changedFields(desired, live, ['if', 'actions', 'title', 'description', 'enabled']);
      if (live.description !== undefined && desired.description === undefined) body.description = null;
      return nonEmpty(body) ? [{ method: 'PATCH', path: `/destination/${asString(desired.destinationId)}/filters/${id}`, body }] : [];
    },
    delete: (id, live) => ({ method: 'DELETE', path: `/destination/${asString(live.destinationId)}/filters/${id}` }),
  },
});
