import { JsonObject, SECRET_UNKNOWN } from '@app/core';
import { DEFAULT_SCHEMA_SETTINGS, sourceKind, sourceSchemaSettingsKind } from './sources.kinds';
import { MASK, ctx, keys } from '../../../test/support/kind-fixtures';

/** A source as GET /sources returns it (metadata embedded, write keys for source admins). */
const rawSource: JsonObject = {
  id: 'qQEHquLrjRDN9j1ByrChyn',
  slug: 'web-app',
  name: 'Web app',
  metadata: {
    id: 'IqDTy1TpoU',
    name: 'Javascript',
    slug: 'javascript',
    description: 'Collect data…',
    logos: { default: 'x' },
    options: [],
    categories: ['Website'],
    isCloudEventSource: false,
  },
  workspaceId: '9aQ1Lj62S4bomZKLF4DPqW',
  enabled: true,
  writeKeys: ['Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z'],
  settings: { website: 'https://example.com', token: MASK, nested: { secret: `abc${MASK}` }, list: [MASK, 'plain'] },
  labels: [
    { key: 'team', value: 'growth', description: 'The growth team' },
    { key: 'env', value: 'prod' },
  ],
};

describe('sourceKind', () => {
  const body = sourceKind.normalize(rawSource, ctx);

  it('keeps the configuration and drops ids, write keys and the metadata object', () => {
    expect(body).toEqual({
      slug: 'web-app',
      name: 'Web app',
      enabled: true,
      metadataId: 'IqDTy1TpoU',
      settings: {
        website: 'https://example.com',
        token: SECRET_UNKNOWN,
        nested: { secret: SECRET_UNKNOWN },
        list: [SECRET_UNKNOWN, 'plain'],
      },
      labels: [
        { key: 'env', value: 'prod' },
        { key: 'team', value: 'growth' },
      ],
    });
  });

  it('does not modify the raw item', () => {
    expect((rawSource.settings as JsonObject).token).toBe(MASK);
    expect((rawSource.labels as JsonObject[])[0]!.key).toBe('team');
  });

  it('defaults the name to the slug, settings and labels to empty, and reads a bare metadataId', () => {
    expect(sourceKind.normalize({ id: 's', slug: 'ios', enabled: false, metadataId: 'meta' }, ctx)).toEqual({
      slug: 'ios',
      name: 'ios',
      enabled: false,
      metadataId: 'meta',
      settings: {},
      labels: [],
    });
  });

  it('the same source with labels in another order has the same body', () => {
    const reordered = { ...rawSource, labels: [...(rawSource.labels as JsonObject[])].reverse() };
    expect(sourceKind.normalize(reordered, ctx)).toEqual(body);
  });

  it('id, natural key and display name', () => {
    expect(sourceKind.id(rawSource, body)).toBe('qQEHquLrjRDN9j1ByrChyn');
    expect(sourceKind.naturalKey(body, keys({}))).toBe('web-app');
    expect(sourceKind.displayName(body)).toBe('Web app');
  });

  it('refers to its labels and, optionally, to a source function by catalog id', () => {
    expect(sourceKind.references(body)).toEqual([
      { pointer: '/metadataId', kind: 'function', value: 'IqDTy1TpoU', by: 'catalogId', optional: true },
      { pointer: '/labels/0', kind: 'label', value: 'env:prod', stable: true },
      { pointer: '/labels/1', kind: 'label', value: 'team:growth', stable: true },
    ]);
  });

  it('declares metadataId create-only, name update-only and settings secret', () => {
    expect(sourceKind.createOnly).toEqual(['/metadataId']);
    expect(sourceKind.updateOnly).toEqual(['/name']);
    expect(sourceKind.secrets).toEqual(['/settings/*']);
  });
});

describe('sourceSchemaSettingsKind', () => {
  const parent = { id: 'src1', slug: 'web-app' };
  const normalize = (settings: JsonObject) =>
    sourceSchemaSettingsKind.normalize({ sourceId: 'src1', settings }, { workspaceSlug: 'staging', parent });

  it('normalizes the single object read per source', () => {
    const body = normalize({ ...DEFAULT_SCHEMA_SETTINGS, forwardingViolationsTo: 'src2', forwardingBlockedEventsTo: 'src3' });
    expect(body).toEqual({
      sourceId: 'src1',
      ...DEFAULT_SCHEMA_SETTINGS,
      forwardingViolationsTo: 'src2',
      forwardingBlockedEventsTo: 'src3',
    });
    expect(sourceSchemaSettingsKind.id({}, body)).toBe('src1');
    expect(sourceSchemaSettingsKind.references(body)).toEqual([
      { pointer: '/sourceId', kind: 'source', value: 'src1' },
      { pointer: '/forwardingViolationsTo', kind: 'source', value: 'src2' },
      { pointer: '/forwardingBlockedEventsTo', kind: 'source', value: 'src3' },
    ]);
  });

  it('leaves out empty forwarding targets and fills missing sections', () => {
    expect(normalize({ forwardingViolationsTo: '', track: DEFAULT_SCHEMA_SETTINGS.track } as JsonObject)).toEqual({
      sourceId: 'src1',
      track: DEFAULT_SCHEMA_SETTINGS.track,
      identify: {},
      group: {},
    });
  });

  it('the defaults, in any key order, are not configuration', () => {
    const reverseKeys = (o: object) => Object.fromEntries(Object.entries(o).reverse());
    const reordered = {
      group: reverseKeys(DEFAULT_SCHEMA_SETTINGS.group),
      identify: reverseKeys(DEFAULT_SCHEMA_SETTINGS.identify),
      track: reverseKeys(DEFAULT_SCHEMA_SETTINGS.track),
    };
    expect(Object.keys(reordered.track)[0]).toBe('commonEventOnViolations');
    expect(sourceSchemaSettingsKind.isDefault!(normalize(reordered))).toBe(true);
  });

  it('anything else is configuration', () => {
    const blocking = { ...DEFAULT_SCHEMA_SETTINGS, track: { ...DEFAULT_SCHEMA_SETTINGS.track, allowUnplannedEvents: false } };
    expect(sourceSchemaSettingsKind.isDefault!(normalize(blocking))).toBe(false);
    expect(sourceSchemaSettingsKind.isDefault!(normalize({ ...DEFAULT_SCHEMA_SETTINGS, forwardingViolationsTo: 'src2' }))).toBe(false);
    expect(sourceSchemaSettingsKind.isDefault!(normalize({ ...DEFAULT_SCHEMA_SETTINGS, forwardingBlockedEventsTo: 'src2' }))).toBe(false);
  });

  it("is keyed by its source's natural key", () => {
    const body = normalize(DEFAULT_SCHEMA_SETTINGS);
    expect(sourceSchemaSettingsKind.naturalKey(body, keys({ 'source:src1': 'web-app' }))).toBe('web-app / schema-settings');
    expect(sourceSchemaSettingsKind.naturalKey(body, keys({}))).toBe('? / schema-settings');
    expect(sourceSchemaSettingsKind.displayName(body)).toBe('schema settings');
    expect(sourceSchemaSettingsKind.parent?.kind).toBe('source');
    expect(sourceSchemaSettingsKind.feature).toBe('Protocols');
  });
});
