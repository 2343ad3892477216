import { contentHash, JsonObject, ReferenceOccurrence } from '@app/core';
import { changedFields, defineKind, idFrom, joinKey, nonEmpty, pick, ref, settingsPatch, asString, unmaskable } from './helpers';

type LabelRef = { key: string; value: string };

const metadataId = (raw: JsonObject): string => asString((raw.metadata as JsonObject | undefined)?.id ?? raw.metadataId);

export const sourceKind = defineKind({
  kind: 'source',
  label: 'source',
  enabledPointer: '/enabled',
  list: { path: '/sources', itemsKey: 'sources', paginated: true },
  normalize: (raw) => ({
    slug: raw.slug,
    name: raw.name ?? raw.slug,
    enabled: raw.enabled,
    metadataId: metadataId(raw),
    settings: unmaskable((raw.settings as JsonObject | undefined) ?? {}),
    labels: labelsOf(raw).sort((a, b) => `${a.key}:${a.value}`.localeCompare(`${b.key}:${b.value}`)),
  }),
  id: (raw) => asString(raw.id),
  naturalKey: (body) => asString(body.slug),
  labels: (body) => labelsOf(body).map((l) => `${l.key}:${l.value}`),
  references: (body): ReferenceOccurrence[] => [
    ...ref(body, 'metadataId', 'function', { by: 'catalogId', optional: true }),
    ...labelsOf(body).map((label, index) => ({
      pointer: `/labels/${index}`,
      kind: 'label',
      value: `${label.key}:${label.value}`,
      stable: true,
    })),
  ],
  createOnly: ['/metadataId'],
  updateOnly: ['/name'],
  catalogEntry: { pointer: '/metadataId', path: '/catalog/sources/{id}', settings: '/settings' },
  secrets: ['/settings/*'],
  // Segment refuses a name on create: create, then name it, then label it.
  write: {
    create: (desired) => ({ method: 'POST', path: '/sources', body: pick(desired, ['slug', 'enabled', 'metadataId', 'settings']) }),
    created: idFrom('source'),
    afterCreate: (id, desired) => [
      ...(desired.name !== undefined && desired.name !== desired.slug
        ? [{ method: 'PATCH' as const, path: `/sources/${id}`, body: { name: desired.name } }]
        : []),
      ...(labelsOf(desired).length
        ? [{ method: 'POST' as const, path: `/sources/${id}/labels`, body: { labels: labelsOf(desired) } }]
        : []),
    ],
    update: (id, desired, live) => {
      const body = changedFields(desired, live, ['name', 'enabled', 'slug']);
      const settings = settingsPatch(desired.settings, live.settings);
      if (settings) body.settings = settings;
      const labelsChanged = JSON.stringify(labelsOf(desired)) !== JSON.stringify(labelsOf(live));
      return [
        ...(nonEmpty(body) ? [{ method: 'PATCH' as const, path: `/sources/${id}`, body }] : []),
        ...(labelsChanged ? [{ method: 'PUT' as const, path: `/sources/${id}/labels`, body: { labels: labelsOf(desired) } }] : []),
      ];
    },
    delete: (id) => ({ method: 'DELETE', path: `/sources/${id}` }),
  },
});

/** The `{key, value}` labels of a source (as Segment lists them, or as stored). */
function labelsOf(body: JsonObject): LabelRef[] {
  const labels = Array.isArray(body.labels) ? body.labels : [];
  return labels.flatMap((label) =>
    label !== null && typeof label === 'object' && !Array.isArray(label) && typeof label.key === 'string' && typeof label.value === 'string'
      ? [{ key: label.key, value: label.value }]
      : [],
  );
}

/** Segment's schema settings of a new source (and of every source without Protocols). */
export const DEFAULT_SCHEMA_SETTINGS = {
  track: {
    allowUnplannedEvents: true,
    allowUnplannedEventProperties: true,
    allowEventOnViolations: true,
    allowPropertiesOnViolations: true,
    commonEventOnViolations: 'ALLOW',
  },
  identify: { allowUnplannedTraits: true, allowTraitsOnViolations: true, commonEventOnViolations: 'ALLOW' },
  group: { allowUnplannedTraits: true, allowTraitsOnViolations: true, commonEventOnViolations: 'ALLOW' },
};

/**
 * Protocols settings of a source; they forward violations to other sources. Only settings that
 * differ from the defaults are configuration worth recording.
 */
export const sourceSchemaSettingsKind = defineKind({
  kind: 'source-schema-settings',
  label: 'schema settings',
  feature: 'Protocols',
  parent: { kind: 'source' },
  list: { path: '/sources/{parentId}/settings', itemsKey: 'settings', paginated: false, single: true },
  normalize: (raw) => {
    const settings = (raw.settings as JsonObject | undefined) ?? {};
    const body: JsonObject = {
      sourceId: raw.sourceId,
      track: settings.track ?? {},
      identify: settings.identify ?? {},
      group: settings.group ?? {},
    };
    if (settings.forwardingViolationsTo) body.forwardingViolationsTo = settings.forwardingViolationsTo;
    if (settings.forwardingBlockedEventsTo) body.forwardingBlockedEventsTo = settings.forwardingBlockedEventsTo;
    return body;
  },
  id: (_raw, body) => asString(body.sourceId),
  naturalKey: (body, ctx) => joinKey(ctx.ref('source', asString(body.sourceId)), 'schema-settings'),
  displayName: () => 'schema settings',
  references: (body) => [
    ...ref(body, 'sourceId', 'source'),
    ...ref(body, 'forwardingViolationsTo', 'source'),
    ...ref(body, 'forwardingBlockedEventsTo', 'source'),
  ],
  createOnly: ['/sourceId'],
  deletedWith: ['source'],
  // Schema settings always exist: "creating" them is setting them, "deleting" is the defaults.
  write: {
    create: (desired) => ({ method: 'PATCH', path: `/sources/${asString(desired.sourceId)}/settings`, body: schemaSettingsBody(desired) }),
    created: (_data, desired) => ({ id: asString(desired.sourceId) }),
    update: (id, desired) => [{ method: 'PATCH', path: `/sources/${id}/settings`, body: schemaSettingsBody(desired) }],
    delete: (id) => ({
      method: 'PATCH',
      path: `/sources/${id}/settings`,
      body: { ...DEFAULT_SCHEMA_SETTINGS, forwardingViolationsTo: '', forwardingBlockedEventsTo: '' },
    }),
  },
  isDefault: (body) =>
    !body.forwardingViolationsTo &&
    !body.forwardingBlockedEventsTo &&
    contentHash({ track: body.track, identify: body.identify, group: body.group }) === contentHash(DEFAULT_SCHEMA_SETTINGS),
});

function schemaSettingsBody(desired: JsonObject): JsonObject {
  // an absent forwarding target is sent empty, which clears one that is set
  return {
    ...pick(desired, ['track', 'identify', 'group']),
    forwardingViolationsTo: desired.forwardingViolationsTo ?? '',
    forwardingBlockedEventsTo: desired.forwardingBlockedEventsTo ?? '',
  };
}
