import { IdFactory } from '../engine/ids';
import { Rng } from '../engine/rng';
import {
  ActionDef,
  DESTINATION_DEFS,
  DestinationDef,
  OptionDef,
  SOURCE_DEFS,
  SourceDef,
  WAREHOUSE_DEFS,
  WarehouseDef,
} from './catalog-data';

export interface SettingFlags {
  secret: Set<string>;
  omitted: Set<string>;
  readOnly: Set<string>;
  known: Set<string>;
}

export interface CatalogEntry {
  id: string;
  slug: string;
  name: string;
  metadata: Record<string, unknown>;
  /** Pre-serialized metadata: list pages embed it thousands of times. */
  json: string;
  settings: SettingFlags;
}

export interface SourceCatalogEntry extends CatalogEntry {
  def: SourceDef;
}

export interface WarehouseCatalogEntry extends CatalogEntry {
  def: WarehouseDef;
}

export interface DestinationCatalogEntry extends CatalogEntry {
  actions: Map<string, { slug: string; passwordFields: Set<string>; fieldKeys: Set<string> }>;
}

export interface ActionRef {
  destinationMetadataId: string;
  slug: string;
}

const logos = (slug: string) => ({
  default: `https://cdn.filepicker.io/api/file/${slug}-default.svg`,
  mark: `https://cdn.filepicker.io/api/file/${slug}-mark.svg`,
  alt: null,
});

function flags(options: OptionDef[]): SettingFlags {
  return {
    secret: new Set(options.filter((o) => o.secret).map((o) => o.name)),
    omitted: new Set(options.filter((o) => o.omitted).map((o) => o.name)),
    readOnly: new Set(options.filter((o) => o.readOnly).map((o) => o.name)),
    known: new Set(options.map((o) => o.name)),
  };
}

function optionOut(option: OptionDef): Record<string, unknown> {
  return {
    name: option.name,
    type: option.type,
    required: option.required ?? false,
    description: option.description ?? `${option.label ?? option.name} setting.`,
    defaultValue: option.defaultValue ?? (option.type === 'boolean' ? false : ''),
    label: option.label ?? option.name,
  };
}

function entry<T extends CatalogEntry>(value: Omit<T, 'json'>): T {
  return { ...value, json: JSON.stringify(value.metadata) } as T;
}

/**
 * The global catalog: the same ids in every workspace and every run, as Segment's catalog ids are
 * global. Destination functions add workspace-specific entries elsewhere (see WorkspaceState).
 */
export class IntegrationCatalog {
  readonly sources: SourceCatalogEntry[] = [];
  readonly destinations: DestinationCatalogEntry[] = [];
  readonly warehouses: WarehouseCatalogEntry[] = [];
  readonly sourcesById = new Map<string, SourceCatalogEntry>();
  readonly destinationsById = new Map<string, DestinationCatalogEntry>();
  readonly warehousesById = new Map<string, WarehouseCatalogEntry>();
  readonly actionsById = new Map<string, ActionRef>();

  constructor() {
    const ids = new IdFactory(new Rng('segment-catalog-v1'));
    for (const def of SOURCE_DEFS) this.addSource(def, ids.base62(10));
    for (const def of DESTINATION_DEFS) this.addDestination(def, ids);
    for (const def of WAREHOUSE_DEFS) this.addWarehouse(def, ids.base62(10));
  }

  private addSource(def: SourceDef, id: string): void {
    const metadata = {
      id,
      name: def.name,
      slug: def.slug,
      description: `Collect data from ${def.name} and send it to Segment.`,
      logos: logos(def.slug),
      options: def.options.map(optionOut),
      categories: def.categories,
      isCloudEventSource: def.cloud ?? false,
      status: def.status ?? 'PUBLIC',
    };
    const value = entry<SourceCatalogEntry>({ id, slug: def.slug, name: def.name, metadata, settings: flags(def.options), def });
    this.sources.push(value);
    this.sourcesById.set(id, value);
  }

  private addWarehouse(def: WarehouseDef, id: string): void {
    const metadata = {
      id,
      name: def.name,
      slug: def.slug,
      description: def.description,
      logos: logos(def.slug),
      options: def.options.map(optionOut),
    };
    const value = entry<WarehouseCatalogEntry>({ id, slug: def.slug, name: def.name, metadata, settings: flags(def.options), def });
    this.warehouses.push(value);
    this.warehousesById.set(id, value);
  }

  private addDestination(def: DestinationDef, ids: IdFactory): void {
    const id = ids.hex(24);
    const actions = new Map<string, { slug: string; passwordFields: Set<string>; fieldKeys: Set<string> }>();
    const actionsOut = (def.actions ?? []).map((action: ActionDef) => {
      const actionId = ids.base62(22);
      actions.set(actionId, {
        slug: action.slug,
        passwordFields: new Set(action.fields.filter((f) => f.type === 'PASSWORD').map((f) => f.key)),
        fieldKeys: new Set(action.fields.map((f) => f.key)),
      });
      this.actionsById.set(actionId, { destinationMetadataId: id, slug: action.slug });
      return {
        id: actionId,
        slug: action.slug,
        name: action.name,
        description: `${action.name} in ${def.name}.`,
        platform: action.platform ?? 'CLOUD',
        hidden: false,
        defaultTrigger: action.defaultTrigger,
        fields: action.fields.map((field, index) => ({
          id: ids.base62(22),
          sortOrder: index,
          fieldKey: field.key,
          label: field.key,
          type: field.type,
          description: `The ${field.key} field.`,
          defaultValue: field.defaultValue ?? null,
          required: field.required ?? false,
          multiple: field.multiple ?? false,
          dynamic: false,
          allowNull: false,
        })),
      };
    });
    const isActions = actionsOut.length > 0;
    const methods = { pageview: true, identify: true, alias: !isActions, track: true, group: true, ...(def.methods ?? {}) };
    const metadata = {
      id,
      name: def.name,
      description: `Send your data to ${def.name}.`,
      slug: def.slug,
      logos: logos(def.slug),
      options: def.options.map(optionOut),
      status: def.status ?? 'PUBLIC',
      previousNames: [def.name],
      categories: def.categories,
      website: def.website,
      components: isActions
        ? []
        : [{ type: 'SERVER', code: `https://github.com/segmentio/integrations/tree/master/integrations/${def.slug}`, owner: 'SEGMENT' }],
      supportedFeatures: {
        cloudModeInstances: isActions ? 'MULTIPLE' : 'SINGLE',
        deviceModeInstances: 'NONE',
        replay: false,
        browserUnbundling: false,
        browserUnbundlingPublic: true,
      },
      supportedMethods: methods,
      supportedPlatforms: { browser: true, server: true, mobile: !isActions },
      actions: actionsOut,
      presets: actionsOut
        .filter((action) => action.defaultTrigger !== null)
        .map((action) => ({ actionId: action.id, name: action.name, fields: {}, trigger: action.defaultTrigger as string })),
      contacts: [],
      partnerOwned: false,
    };
    const value = entry<DestinationCatalogEntry>({ id, slug: def.slug, name: def.name, metadata, settings: flags(def.options), actions });
    this.destinations.push(value);
    this.destinationsById.set(id, value);
  }
}

let shared: IntegrationCatalog | undefined;

/** The catalog is immutable and identical everywhere, so one instance serves every simulator. */
export function sharedIntegrationCatalog(): IntegrationCatalog {
  shared ??= new IntegrationCatalog();
  return shared;
}
