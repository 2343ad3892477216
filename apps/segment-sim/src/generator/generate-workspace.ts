import { DestinationCatalogEntry, IntegrationCatalog, SourceCatalogEntry } from '../integration-catalog/integration-catalog';
import { Rng } from '../engine/rng';
import {
  DestinationRecord,
  FilterAction,
  FilterRecord,
  FunctionRecord,
  FunctionResourceType,
  RuleRecord,
  Settings,
  SourceRecord,
  SubscriptionRecord,
  TrackingPlanRecord,
  UserRecord,
} from '../state/records';
import { labelKey, pairKey, ruleKey, WorkspaceState } from '../state/workspace-state';
import { defaultSchemaSettings } from '../resources/sources.routes';
import { FUNCTION_ID_PREFIX, functionDisplayName } from '../resources/functions.routes';
import { EVENTS, FIRST_NAMES, GROUP_NAMES, LAST_NAMES, PRODUCTS, PROPERTIES, ROLES, TEAMS } from './vocabulary';

export interface GenerateOptions {
  /** Approximate number of resources (everything a backup holds, rules and connections included). */
  size: number;
  /** Environment word used inside some settings (URLs), e.g. `staging` / `production`. */
  env: string;
}

/** Shares of the total, summing to 1: many destinations per source, filters and subscriptions per destination, big plans. */
const MIX = {
  labels: 0.004,
  sources: 0.045,
  destinations: 0.24,
  filters: 0.13,
  subscriptions: 0.2,
  warehouses: 0.002,
  warehouseConnections: 0.02,
  trackingPlans: 0.003,
  rules: 0.2,
  transformations: 0.012,
  functions: 0.01,
  insertFunctionInstances: 0.004,
  reverseEtlModels: 0.004,
  credentials: 0.002,
  userGroups: 0.004,
  users: 0.016,
  invites: 0.004,
};

const MIX_TOTAL = Object.values(MIX).reduce((a, b) => a + b, 0);
/** Tracking-plan connections (about 2%) come on top of the mix. */
const MIX_SCALE = 0.98 / MIX_TOTAL;

const BASE_TIME = Date.parse('2026-01-05T09:00:00.000Z');

/**
 * Fills a workspace with a realistic configuration. The content depends only on the content seed,
 * so two workspaces generated from the same seed hold the same logical configuration (with their
 * own ids): the seeded `staging` and `production` start as twins, and `applyDrift` then makes them
 * differ the way real environments do.
 */
export class WorkspaceGenerator {
  private clock = 0;
  private readonly rng: Rng;
  private readonly sourceSlugs = new Set<string>();

  constructor(
    private readonly ws: WorkspaceState,
    private readonly catalog: IntegrationCatalog,
    contentSeed: string,
    private readonly options: GenerateOptions,
  ) {
    this.rng = new Rng(`${contentSeed}:content`);
  }

  private quota(kind: keyof typeof MIX, min = 0): number {
    return Math.max(min, Math.round(this.options.size * MIX[kind] * MIX_SCALE));
  }

  private time(): string {
    this.clock += 1 + Math.floor(this.rng.next() * 3600);
    return new Date(BASE_TIME + this.clock * 1000).toISOString();
  }

  private secret(prefix: string): string {
    return `${prefix}${this.ws.ids.base62(24)}`;
  }

  generate(): void {
    this.roles();
    const labels = this.labels();
    const functions = this.functions();
    const sources = this.sources(labels, functions);
    const credentials = this.credentials();
    this.warehouses(sources, credentials);
    const models = this.reverseEtlModels(sources);
    const destinations = this.destinations(sources, functions);
    this.filters(destinations);
    this.subscriptions(destinations, models);
    this.trackingPlans(sources);
    this.transformations(sources);
    this.insertFunctionInstances(functions, sources, destinations);
    const users = this.users(sources);
    this.userGroups(users, sources, labels);
    this.invites();
  }

  roles(): void {
    seedRoles(this.ws);
  }

  private roleId(name: string): string {
    return this.ws.roles.values().find((r) => r.name === name)!.id;
  }

  labels(): string[] {
    const rng = this.rng.fork('labels');
    const count = this.quota('labels', 3);
    const keys: string[] = [];
    const candidates = [
      ...['prod', 'staging', 'dev'].map((v) => ['environment', v]),
      ...TEAMS.map((v) => ['team', v]),
      ...['us', 'eu', 'apac'].map((v) => ['region', v]),
      ...['high', 'medium', 'low'].map((v) => ['tier', v]),
      ...PRODUCTS.map((v) => ['product', v]),
    ];
    for (const [key, value] of candidates.slice(0, count)) {
      const id = labelKey(key!, value!);
      this.ws.labels.set(id, { key: key!, value: value!, description: rng.chance(0.5) ? `${key} ${value}` : undefined });
      keys.push(id);
    }
    for (let i = candidates.length; i < count; i++) {
      const id = labelKey('cost-center', `cc-${1000 + i}`);
      this.ws.labels.set(id, { key: 'cost-center', value: `cc-${1000 + i}` });
      keys.push(id);
    }
    for (const label of this.ws.labels.values()) if (label.description === undefined) delete label.description;
    return keys;
  }

  functions(): FunctionRecord[] {
    const rng = this.rng.fork('functions');
    const count = this.quota('functions', this.options.size >= 60 ? 4 : 0);
    const types: FunctionResourceType[] = ['SOURCE', 'DESTINATION', 'INSERT_DESTINATION', 'INSERT_SOURCE'];
    const out: FunctionRecord[] = [];
    for (let i = 0; i < count; i++) {
      const type = types[i % types.length]!;
      const catalogId = this.ws.ids.base62(22);
      const name = `${rng.pick(PRODUCTS)} ${type.toLowerCase().replace('_', ' ')} fn ${i + 1}`;
      const created = this.time();
      const code = `// ${name}\nasync function onTrack(event, settings) {\n  const res = await fetch(settings.endpoint ?? 'https://api.example.com/${this.options.env}/events', {\n    method: 'POST',\n    headers: { Authorization: \`Bearer \${settings.apiKey}\` },\n    body: JSON.stringify(event),\n  });\n  return res.json();\n}\n`;
      const fn: FunctionRecord = {
        id: FUNCTION_ID_PREFIX[type] + catalogId,
        resourceType: type,
        displayName: functionDisplayName(this.ws, type, name),
        description: `Generated ${type.toLowerCase()} function`,
        code,
        settings: [
          { name: 'apiKey', label: 'API key', description: 'Key for the downstream API', type: 'STRING', required: true, sensitive: true },
          { name: 'endpoint', label: 'Endpoint', description: 'Where to send events', type: 'STRING', required: false, sensitive: false },
        ],
        catalogId,
        createdAt: created,
        createdBy: 'generator',
        deployedAt: type === 'SOURCE' ? created : null,
        previewWebhookUrl: type === 'SOURCE' ? `https://fn.segmentapis.com/?b=${catalogId}` : '',
        batchMaxCount: 0,
        versions: [{ id: this.ws.ids.base62(), code, createdAt: created }],
      };
      this.ws.functions.set(fn.id, fn);
      out.push(fn);
    }
    return out;
  }

  private settingsFor(options: Array<{ name: string; type: string }>, secretNames: Set<string>, context: string): Settings {
    const rng = this.rng;
    const settings: Settings = {};
    for (const option of options) {
      if (secretNames.has(option.name)) {
        settings[option.name] = this.secret(`${option.name.slice(0, 3)}_`);
        continue;
      }
      switch (option.type) {
        case 'boolean':
          settings[option.name] = rng.chance(0.5);
          break;
        case 'number':
          settings[option.name] = rng.int(1, 100);
          break;
        case 'array':
          settings[option.name] = rng.chance(0.5) ? rng.sample(PROPERTIES, rng.int(1, 3)) : [];
          break;
        case 'map':
          settings[option.name] = rng.chance(0.5) ? { [rng.pick(PROPERTIES)]: rng.pick(PROPERTIES) } : {};
          break;
        case 'select':
          break;
        default:
          settings[option.name] = /url|endpoint|host/i.test(option.name)
            ? `https://${context}.${this.options.env}.example.com/${rng.pick(PRODUCTS)}`
            : `${option.name}-${context}-${rng.int(100, 999)}`;
      }
    }
    return settings;
  }

  sources(labels: string[], functions: FunctionRecord[]): SourceRecord[] {
    const rng = this.rng.fork('sources');
    const count = this.quota('sources', 2);
    const catalogSources = this.catalog.sources;
    const retl = catalogSources.filter((s) => s.def.reverseEtl);
    const sourceFunctions = functions.filter((f) => f.resourceType === 'SOURCE');
    const out: SourceRecord[] = [];
    for (let i = 0; i < count; i++) {
      let entry: SourceCatalogEntry | undefined;
      if (i === 1 && retl.length && this.options.size >= 40) entry = retl[0];
      else if (sourceFunctions.length && rng.chance(0.03)) entry = undefined;
      else entry = rng.pick(catalogSources.filter((s) => !s.def.reverseEtl || rng.chance(0.1)));
      const fn = entry ? undefined : rng.pick(sourceFunctions);
      const metadataId = entry?.id ?? fn!.catalogId;
      const product = rng.pick(PRODUCTS);
      let slug = `${product}-${(entry?.slug ?? 'function').replace(/-reverse-etl$/, '')}`;
      let n = 2;
      while (this.sourceSlugs.has(slug)) slug = `${product}-${entry?.slug ?? 'function'}-${n++}`;
      this.sourceSlugs.add(slug);
      const created = this.time();
      const rec: SourceRecord = {
        id: this.ws.ids.base62(),
        slug,
        name: `${product[0]!.toUpperCase()}${product.slice(1)} ${entry?.name ?? fn!.displayName}`,
        metadataId,
        enabled: rng.chance(0.9),
        writeKeys: [this.ws.ids.writeKey()],
        settings: entry ? this.settingsFor(entry.def.options, entry.settings.secret, slug) : { apiKey: this.secret('key_') },
        labels: rng.sample(labels, rng.int(0, 3)).map((key) => {
          const [k, v] = key.split(':') as [string, string];
          return { key: k, value: v };
        }),
        createdAt: created,
        updatedAt: created,
      };
      this.ws.sources.set(rec.id, rec);
      this.ws.schemaSettings.set(rec.id, defaultSchemaSettings());
      out.push(rec);
    }
    return out;
  }

  credentials(): string[] {
    const count = this.quota('credentials');
    const out: string[] = [];
    for (let i = 0; i < count; i++) {
      const created = this.time();
      const type = i % 2 === 0 ? 'Snowflake' : 'Redshift';
      const rec = {
        id: this.ws.ids.base62(),
        name: `${type} ${this.options.env === 'production' ? 'prod' : 'shared'} credential ${i + 1}`,
        settings: { type, account: `acme-${i + 1}`, username: `segment_${i + 1}`, password: this.secret('pw_') },
        createdAt: created,
        updatedAt: created,
      };
      this.ws.credentials.set(rec.id, rec);
      out.push(rec.id);
    }
    return out;
  }

  warehouses(sources: SourceRecord[], credentials: string[]): void {
    const rng = this.rng.fork('warehouses');
    const count = this.quota('warehouses', this.options.size >= 100 ? 1 : 0);
    const perWarehouse = count ? Math.max(1, Math.round(this.quota('warehouseConnections') / count)) : 0;
    for (let i = 0; i < count; i++) {
      const entry = this.catalog.warehouses[i % this.catalog.warehouses.length]!;
      const settings = this.settingsFor(entry.def.options, new Set(), `wh${i + 1}`);
      settings.name = `${entry.name} ${i + 1}`;
      if (entry.settings.omitted.size) for (const key of entry.settings.omitted) settings[key] = this.secret('pw_');
      if (credentials.length && rng.chance(0.5)) settings.credentialId = rng.pick(credentials);
      const created = this.time();
      const rec = { id: this.ws.ids.base62(21), metadataId: entry.id, enabled: true, settings, createdAt: created, updatedAt: created };
      this.ws.warehouses.set(rec.id, rec);
      const connected = rng.sample(sources, Math.min(sources.length, perWarehouse));
      const connections = this.ws.childCollection(this.ws.warehouseSources, rec.id);
      for (const source of connected) connections.set(source.id, source.id);
      if (connected.length && rng.chance(0.5)) {
        this.ws.selectiveSyncs.set(
          pairKey(rec.id, connected[0]!.id),
          new Map([['tracks', { enabled: true, properties: { context_ip: false } }]]),
        );
      }
      if (rng.chance(0.5)) {
        this.ws.advancedSyncSchedules.set(rec.id, {
          enabled: true,
          schedule: {
            times: [
              { hourOfDay: 2, enabled: true },
              { hourOfDay: 14, enabled: true },
            ],
            timezone: 'America/New_York',
          },
        });
      }
    }
  }

  reverseEtlModels(sources: SourceRecord[]): string[] {
    const retlSources = sources.filter((s) => this.catalog.sourcesById.get(s.metadataId)?.def.reverseEtl);
    if (!retlSources.length) return [];
    const rng = this.rng.fork('retl');
    const out: string[] = [];
    for (let i = 0; i < this.quota('reverseEtlModels'); i++) {
      const table = rng.pick(['users', 'accounts', 'orders', 'subscriptions']);
      const rec = {
        id: this.ws.ids.base62(),
        sourceId: rng.pick(retlSources).id,
        name: `${table} model ${i + 1}`,
        description: `Sync ${table} to downstream tools`,
        enabled: rng.chance(0.8),
        query: `SELECT id, email, updated_at FROM analytics.${table} WHERE updated_at > now() - interval '1 day'`,
        queryIdentifierColumn: 'id',
      };
      this.ws.reverseEtlModels.set(rec.id, rec);
      out.push(rec.id);
    }
    return out;
  }

  destinations(sources: SourceRecord[], functions: FunctionRecord[]): DestinationRecord[] {
    const rng = this.rng.fork('destinations');
    const count = this.quota('destinations', 1);
    const actions = this.catalog.destinations.filter((d) => d.actions.size > 0);
    const classic = this.catalog.destinations.filter((d) => d.actions.size === 0);
    const destinationFunctions = functions.filter((f) => f.resourceType === 'DESTINATION');
    const out: DestinationRecord[] = [];
    const classicUsed = new Set<string>();
    // Popular sources get more destinations: weight by position.
    const weights = sources.map((_, i) => 1 / (1 + (i % 7)));
    const total = weights.reduce((a, b) => a + b, 0);
    const pickSource = () => {
      let r = rng.next() * total;
      for (let i = 0; i < sources.length; i++) if ((r -= weights[i]!) <= 0) return sources[i]!;
      return sources[sources.length - 1]!;
    };
    let attempts = 0;
    while (out.length < count && attempts++ < count * 20) {
      const source = pickSource();
      const roll = rng.next();
      let entry: DestinationCatalogEntry | undefined;
      let metadataId: string;
      let name: string | undefined;
      let settings: Settings;
      if (roll < 0.03 && destinationFunctions.length) {
        const fn = rng.pick(destinationFunctions);
        metadataId = fn.catalogId;
        // people name the instance after the function, not after the workspace suffix Segment adds
        name = `${fn.displayName.slice(0, fn.displayName.lastIndexOf(' ('))} → ${source.slug}`;
        settings = { apiKey: this.secret('key_'), endpoint: `https://api.example.com/${this.options.env}/${source.slug}` };
      } else if (roll < 0.55) {
        entry = rng.pick(actions);
        metadataId = entry.id;
        name = `${entry.name.replace(/ \(Actions\)$/, '')} (${source.slug}) ${out.length + 1}`;
        settings = this.settingsFor(entry.metadata.options as Array<{ name: string; type: string }>, entry.settings.secret, source.slug);
        for (const key of entry.settings.readOnly) settings[key] = `${rng.int(1000000, 9999999)}`;
      } else {
        entry = rng.pick(classic);
        if (classicUsed.has(`${source.id}|${entry.id}`)) continue;
        classicUsed.add(`${source.id}|${entry.id}`);
        metadataId = entry.id;
        name = rng.chance(0.7) ? `${entry.name} (${source.slug})` : undefined;
        settings = this.settingsFor(entry.metadata.options as Array<{ name: string; type: string }>, entry.settings.secret, source.slug);
      }
      const created = this.time();
      const rec: DestinationRecord = {
        id: this.ws.ids.hex(24),
        enabled: rng.chance(0.85),
        metadataId,
        sourceId: source.id,
        settings,
        createdAt: created,
        updatedAt: created,
        ...(name !== undefined ? { name } : {}),
      };
      this.ws.destinations.set(rec.id, rec);
      out.push(rec);
    }
    return out;
  }

  filters(destinations: DestinationRecord[]): void {
    const rng = this.rng.fork('filters');
    const count = this.quota('filters');
    const conditions = [
      () => `event = "${rng.pick(EVENTS)}"`,
      () => `type = "identify"`,
      () => `type = "track" and properties.${rng.pick(PROPERTIES)} = "${rng.pick(['test', 'internal', 'qa'])}"`,
      () => `context.ip = "10.0.${rng.int(0, 255)}.${rng.int(0, 255)}"`,
      () => `match(context.page.url, "*${rng.pick(['/admin', '/internal', 'localhost'])}*")`,
      () => `!(type = "page") and event != "${rng.pick(EVENTS)}"`,
    ];
    for (let i = 0; i < count && destinations.length; i++) {
      const destination = rng.pick(destinations);
      const kind = rng.int(0, 3);
      const actions: FilterAction[] =
        kind === 0
          ? [{ type: 'DROP' }]
          : kind === 1
            ? [{ type: 'SAMPLE', percent: rng.int(1, 9) / 10, path: 'userId' }]
            : kind === 2
              ? [{ type: 'DROP_PROPERTIES', fields: { properties: rng.sample(PROPERTIES, 2) } }]
              : [{ type: 'ALLOW_PROPERTIES', fields: { properties: rng.sample(PROPERTIES, 3) } }];
      const created = this.time();
      const rec: FilterRecord = {
        id: this.ws.ids.ksuid(),
        sourceId: destination.sourceId,
        destinationId: destination.id,
        if: rng.pick(conditions)(),
        actions,
        title: `${actions[0]!.type === 'DROP' ? 'Drop' : actions[0]!.type === 'SAMPLE' ? 'Sample' : 'Trim'} ${rng.pick(['test traffic', 'internal users', 'bots', 'PII', 'noisy events', 'legacy events'])} ${i + 1}`,
        enabled: rng.chance(0.9),
        createdAt: created,
        updatedAt: created,
        ...(rng.chance(0.5) ? { description: 'Keeps the destination clean of events it should not receive.' } : {}),
      };
      this.ws.childCollection(this.ws.filters, destination.id).set(rec.id, rec);
    }
  }

  subscriptions(destinations: DestinationRecord[], models: string[]): void {
    const rng = this.rng.fork('subscriptions');
    const count = this.quota('subscriptions');
    const actionDestinations = destinations.filter((d) => (this.catalog.destinationsById.get(d.metadataId)?.actions.size ?? 0) > 0);
    for (let i = 0; i < count && actionDestinations.length; i++) {
      const destination = rng.pick(actionDestinations);
      const entry = this.catalog.destinationsById.get(destination.metadataId)!;
      const [actionId, action] = rng.pick([...entry.actions]);
      const settings: Settings = {};
      for (const field of action.fieldKeys) {
        if (action.passwordFields.has(field)) settings[field] = this.secret('tok_');
        else if (field === 'url') settings[field] = `https://hooks.example.com/${this.options.env}/${rng.pick(PRODUCTS)}`;
        else if (rng.chance(0.7)) settings[field] = { '@path': `$.properties.${rng.pick(PROPERTIES)}` };
      }
      const source = this.ws.sources.get(destination.sourceId)!;
      const isRetl = models.length > 0 && this.catalog.sourcesById.get(source.metadataId)?.def.reverseEtl;
      const rec: SubscriptionRecord = {
        id: this.ws.ids.base62(),
        name: `${action.slug} ${rng.pick(EVENTS)} ${i + 1}`,
        actionId,
        actionSlug: action.slug,
        destinationId: destination.id,
        enabled: rng.chance(0.85),
        settings,
        trigger: isRetl ? '' : rng.chance(0.5) ? `event = "${rng.pick(EVENTS)}"` : `type = "${rng.pick(['track', 'identify', 'page'])}"`,
        ...(isRetl ? { modelId: rng.pick(models), reverseETLSchedule: { strategy: 'PERIODIC', config: { interval: '1h' } } } : {}),
      };
      this.ws.childCollection(this.ws.subscriptions, destination.id).set(rec.id, rec);
    }
  }

  trackingPlans(sources: SourceRecord[]): void {
    const rng = this.rng.fork('plans');
    const count = this.quota('trackingPlans', this.options.size >= 30 ? 1 : 0);
    const rulesPerPlan = count ? Math.max(1, Math.round(this.quota('rules') / count)) : 0;
    const unconnected = [...sources];
    for (let p = 0; p < count; p++) {
      const created = this.time();
      const name = `${rng.pick(PRODUCTS)} tracking plan ${p + 1}`;
      const plan: TrackingPlanRecord = {
        id: this.ws.ids.prefixed('tp_', 27),
        name,
        slug: name.replace(/[^a-z0-9]+/g, '-'),
        description: rng.chance(0.5) ? 'The events this product may send.' : '',
        type: p % 5 === 4 ? 'TEMPLATE' : 'LIVE',
        resourceSchemaId: this.ws.ids.prefixed('rs_', 27),
        createdAt: created,
        updatedAt: created,
      };
      this.ws.trackingPlans.set(plan.id, plan);
      const rules = this.ws.childCollection(this.ws.rules, plan.id);
      const add = (rule: RuleRecord) => rules.set(ruleKey(rule), rule);
      add({ type: 'IDENTIFY', jsonSchema: traitSchema(rng), version: 1, createdAt: created, updatedAt: created });
      if (rulesPerPlan > 2) add({ type: 'GROUP', jsonSchema: traitSchema(rng), version: 1, createdAt: created, updatedAt: created });
      for (let r = rules.size; r < rulesPerPlan; r++) {
        const event = r - 2 < EVENTS.length ? EVENTS[r - 2]! : `${rng.pick(EVENTS)} ${r}`;
        add({
          type: 'TRACK',
          key: event ?? `Event ${r}`,
          jsonSchema: eventSchema(rng),
          version: 1,
          createdAt: created,
          updatedAt: created,
        });
      }
      if (plan.type === 'LIVE') {
        const connect = unconnected.splice(0, Math.max(1, Math.floor(sources.length / (count * 2))));
        for (const source of connect) {
          this.ws.childCollection(this.ws.trackingPlanSources, plan.id).set(source.id, source.id);
          const settings = defaultSchemaSettings();
          settings.track.allowUnplannedEvents = false;
          settings.track.commonEventOnViolations = 'OMIT_PROPERTIES';
          const target = sources.find((s) => s.id !== source.id);
          if (target && rng.chance(0.5)) settings.forwardingViolationsTo = target.id;
          this.ws.schemaSettings.set(source.id, settings);
        }
      }
    }
  }

  transformations(sources: SourceRecord[]): void {
    const rng = this.rng.fork('transformations');
    for (let i = 0; i < this.quota('transformations'); i++) {
      const event = rng.pick(EVENTS);
      const rec = {
        id: this.ws.ids.base62(),
        name: `Rename ${event} ${i + 1}`,
        sourceId: rng.pick(sources).id,
        enabled: rng.chance(0.8),
        if: `event = "${event}"`,
        newEventName: `${event} v2`,
        propertyRenames: [{ oldName: rng.pick(PROPERTIES), newName: `${rng.pick(PROPERTIES)}_renamed` }],
        ...(rng.chance(0.3) ? { destinationMetadataId: rng.pick(this.catalog.destinations).id } : {}),
      };
      this.ws.transformations.set(rec.id, rec);
    }
  }

  insertFunctionInstances(functions: FunctionRecord[], sources: SourceRecord[], destinations: DestinationRecord[]): void {
    const rng = this.rng.fork('insert');
    const insertFns = functions.filter((f) => f.resourceType === 'INSERT_DESTINATION' || f.resourceType === 'INSERT_SOURCE');
    if (!insertFns.length) return;
    for (let i = 0; i < this.quota('insertFunctionInstances'); i++) {
      const fn = rng.pick(insertFns);
      const integration = fn.resourceType === 'INSERT_SOURCE' ? rng.pick(sources).id : rng.pick(destinations).id;
      const created = this.time();
      const rec = {
        id: this.ws.ids.base62(),
        functionId: fn.catalogId,
        integrationId: integration,
        name: `${fn.displayName} instance ${i + 1}`,
        enabled: rng.chance(0.8),
        settings: { apiKey: this.secret('key_'), endpoint: `https://enrich.example.com/${this.options.env}` },
        createdAt: created,
        updatedAt: created,
      };
      this.ws.insertFunctionInstances.set(rec.id, rec);
    }
  }

  users(sources: SourceRecord[]): UserRecord[] {
    const rng = this.rng.fork('users');
    const count = this.quota('users', 2);
    const out: UserRecord[] = [];
    for (let i = 0; i < count; i++) {
      const first = FIRST_NAMES[i % FIRST_NAMES.length]!;
      const last = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]!;
      const suffix = i >= FIRST_NAMES.length * LAST_NAMES.length ? `${i}` : '';
      const email = `${first}.${last}${suffix}`.toLowerCase().replace(/[^a-z0-9.]/g, '') + '@acme.example';
      const rec: UserRecord = {
        id: this.ws.ids.base62(),
        name: `${first} ${last}`,
        email,
        permissions:
          i === 0
            ? [{ roleId: this.roleId('Workspace Owner'), resources: [{ id: this.ws.id, type: 'WORKSPACE' }] }]
            : [
                {
                  roleId: this.roleId(rng.pick(['Source Admin', 'Source Read-only'])),
                  resources: rng.sample(sources, rng.int(1, 3)).map((s) => ({ id: s.id, type: 'SOURCE' as const })),
                },
              ],
      };
      this.ws.users.set(rec.id, rec);
      out.push(rec);
    }
    return out;
  }

  userGroups(users: UserRecord[], sources: SourceRecord[], labels: string[]): void {
    const rng = this.rng.fork('groups');
    for (let i = 0; i < this.quota('userGroups', 1); i++) {
      const name = i < GROUP_NAMES.length ? GROUP_NAMES[i]! : `${rng.pick(GROUP_NAMES)} ${i + 1}`;
      const label = labels.length ? labels[i % labels.length]!.split(':') : undefined;
      const rec = {
        id: this.ws.ids.base62(),
        name,
        permissions: [
          {
            roleId: this.roleId(rng.pick(['Source Admin', 'Source Read-only', 'Tracking Plan Admin'])),
            resources: rng.sample(sources, rng.int(1, 2)).map((s) => ({
              id: s.id,
              type: 'SOURCE' as const,
              ...(label && rng.chance(0.3) ? { labels: [{ key: label[0]!, value: label[1]! }] } : {}),
            })),
          },
        ],
        memberEmails: rng.sample(users, rng.int(1, Math.min(5, users.length))).map((u) => u.email),
        inviteEmails: [] as string[],
      };
      this.ws.userGroups.set(rec.id, rec);
    }
  }

  invites(): void {
    for (let i = 0; i < this.quota('invites', 1); i++) {
      const email = `new.hire${i + 1}@acme.example`;
      this.ws.invites.set(email, {
        email,
        permissions: [{ roleId: this.roleId('Workspace Member'), resources: [{ id: this.ws.id, type: 'WORKSPACE' }] }],
        groupIds: [],
      });
    }
  }
}

/** Roles are read-only and exist in every workspace; their ids differ per workspace, their names do not. */
export function seedRoles(ws: WorkspaceState): void {
  for (const role of ROLES) {
    const id = ws.ids.ksuid();
    ws.roles.set(id, { id, ...role });
  }
}

function eventSchema(rng: Rng): unknown {
  const props = rng.sample(PROPERTIES, rng.int(2, 6));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: {
      context: { type: 'object' },
      traits: { type: 'object' },
      properties: {
        type: 'object',
        properties: Object.fromEntries(
          props.map((p) => [
            p,
            { description: `The ${p.replace('_', ' ')}`, type: p === 'revenue' || p === 'price' || p === 'quantity' ? 'number' : 'string' },
          ]),
        ),
        required: props.slice(0, rng.int(0, 2)),
      },
    },
    required: ['properties'],
  };
}

function traitSchema(rng: Rng): unknown {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: {
      traits: {
        type: 'object',
        properties: Object.fromEntries(
          rng.sample(['email', 'name', 'plan', 'company', 'created_at', 'phone'], 3).map((t) => [t, { type: 'string' }]),
        ),
      },
    },
  };
}
