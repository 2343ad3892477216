import { isPlainObject, JsonObject, KindCatalog, KindDefinition, KindName, RawItem, resourceKey } from '@app/core';
import { SegmentApiError } from '../http/segment-api-error';
import { SegmentClient } from '../http/segment-client';

export interface ReadProgress {
  kind: KindName;
  kindsDone: number;
  kindsTotal: number;
  items: number;
  requests: number;
}

export interface UnavailableKind {
  kind: KindName;
  reason: string;
}

export interface WorkspaceRead {
  workspace: { id: string; slug: string; name: string };
  items: Map<KindName, RawItem[]>;
  /** Kinds read completely: only they can tell that something was deleted. */
  readKinds: Set<KindName>;
  unavailable: UnavailableKind[];
  /** Parents that vanished while their children were being listed (deleted mid-read). */
  vanished: Array<{ kind: KindName; id: string }>;
  requests: number;
}

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));

/** A list of bare strings (invites) is read as `{ value }` items. */
const asItem = (value: unknown): JsonObject => (isPlainObject(value) ? (value as JsonObject) : { value: value as string });

/**
 * Reads a whole workspace, kind by kind as the catalog describes: every page of every list, each
 * child list per parent, details and attachments per item. Kinds start as soon as their parent
 * kind is read; the client bounds concurrency and rate. A kind Segment refuses (403, a feature
 * the workspace lacks) is unavailable, not a failure; any other error fails the read.
 */
export class WorkspaceReader {
  private requestsAtStart = 0;

  constructor(
    private readonly client: SegmentClient,
    private readonly catalog: KindCatalog,
    private readonly onProgress: (progress: ReadProgress) => void = () => undefined,
  ) {}

  async read(): Promise<WorkspaceRead> {
    this.requestsAtStart = this.client.stats.requests;
    const items = new Map<KindName, RawItem[]>();
    const ids = new Map<KindName, Map<string, RawItem>>();
    const readKinds = new Set<KindName>();
    const unavailable: UnavailableKind[] = [];
    const vanished: Array<{ kind: KindName; id: string }> = [];
    const done = new Map<KindName, Promise<void>>();
    let kindsDone = 0;

    const readKind = async (definition: KindDefinition): Promise<void> => {
      if (definition.parent) await done.get(definition.parent.kind);
      const parentKind = definition.parent?.kind;
      if (parentKind && !readKinds.has(parentKind)) {
        unavailable.push({ kind: definition.kind, reason: `its parent kind '${parentKind}' is unavailable` });
        return;
      }
      try {
        const list = parentKind
          ? await this.readChildren(definition, [...(ids.get(parentKind)?.values() ?? [])], vanished)
          : await this.readRoot(definition);
        items.set(definition.kind, list);
        const index = new Map<string, RawItem>();
        for (const item of list) if (typeof item.raw.id === 'string') index.set(item.raw.id, item);
        ids.set(definition.kind, index);
        readKinds.add(definition.kind);
      } catch (error) {
        if (error instanceof SegmentApiError && error.status === 403) {
          unavailable.push({ kind: definition.kind, reason: error.error.message ?? 'forbidden' });
          return;
        }
        throw error;
      } finally {
        this.onProgress({
          kind: definition.kind,
          kindsDone: ++kindsDone,
          kindsTotal: this.catalog.kinds.length,
          items: [...items.values()].reduce((n, list) => n + list.length, 0),
          requests: this.client.stats.requests - this.requestsAtStart,
        });
      }
    };

    for (const definition of this.catalog.kinds) done.set(definition.kind, readKind(definition));
    await Promise.all(done.values());
    this.withholdFeatureKinds(items, readKinds, unavailable);

    this.dropVanished(items, vanished);
    const workspaceRaw = items.get('workspace')?.[0]?.raw;
    const workspace = workspaceRaw
      ? { id: String(workspaceRaw.id), slug: String(workspaceRaw.slug), name: String(workspaceRaw.name) }
      : (await this.client.get<{ workspace: { id: string; slug: string; name: string } }>('/')).data.workspace;
    return { workspace, items, readKinds, unavailable, vanished, requests: this.client.stats.requests - this.requestsAtStart };
  }

  private async readRoot(definition: KindDefinition): Promise<RawItem[]> {
    const list = definition.list;
    if (list.single) {
      const { data } = await this.client.get<Record<string, unknown>>(list.path, { rateClass: list.rateClass });
      return [{ raw: asItem(data[list.itemsKey] ?? data) }];
    }
    const variants = list.variants ?? [{}];
    const batches = await Promise.all(
      variants.map(async (query) => {
        if (!list.paginated) {
          const { data } = await this.client.get<Record<string, unknown>>(list.path, { query, rateClass: list.rateClass });
          return ((data[list.itemsKey] as unknown[] | undefined) ?? []).map(asItem);
        }
        return (await this.client.listAll<unknown>(list.path, list.itemsKey, { query, rateClass: list.rateClass })).map(asItem);
      }),
    );
    const raws = batches.flat();
    return Promise.all(raws.map(async (raw) => ({ raw: await this.complete(definition, raw) })));
  }

  /** Fetches an item's details and attachments when the catalog asks for them. */
  private async complete(definition: KindDefinition, raw: JsonObject): Promise<JsonObject> {
    let item = raw;
    const id = String(raw.id ?? '');
    if (definition.list.detail) {
      const { data } = await this.client.get<Record<string, unknown>>(fill(definition.list.detail.path, { id }));
      item = asItem(data[definition.list.detail.key]);
    }
    for (const attachment of definition.list.attachments ?? []) {
      const values = await this.client.listAll<unknown>(fill(attachment.path, { id }), attachment.itemsKey);
      item = {
        ...item,
        [attachment.field]: values.map((v) =>
          attachment.pick && isPlainObject(v) ? (v as JsonObject)[attachment.pick] : v,
        ) as JsonObject[],
      };
    }
    return item;
  }

  private async readChildren(
    definition: KindDefinition,
    parents: RawItem[],
    vanished: Array<{ kind: KindName; id: string }>,
  ): Promise<RawItem[]> {
    const list = definition.list;
    const wanted = parents.filter((parent) => !definition.parent!.when || definition.parent!.when(parent.raw));
    const perParent = await Promise.all(
      wanted.map(async (parent) => {
        const parentId = String(parent.raw.id);
        const path = fill(list.path, { parentId });
        try {
          if (list.single) {
            const { data } = await this.client.get<Record<string, unknown>>(path, { rateClass: list.rateClass });
            return [{ raw: asItem(data), parentRaw: parent.raw, parentId }];
          }
          const children = list.paginated
            ? await this.client.listAll<unknown>(path, list.itemsKey, { rateClass: list.rateClass })
            : (((await this.client.get<Record<string, unknown>>(path, { rateClass: list.rateClass })).data[list.itemsKey] as unknown[]) ??
              []);
          return Promise.all(
            children.map(async (child) => ({ raw: await this.complete(definition, asItem(child)), parentRaw: parent.raw, parentId })),
          );
        } catch (error) {
          // The parent was deleted between listing it and listing its children: it is gone.
          if (error instanceof SegmentApiError && error.status === 404) {
            vanished.push({ kind: definition.parent!.kind, id: parentId });
            return [];
          }
          throw error;
        }
      }),
    );
    return perParent.flat();
  }

  /**
   * A feature the workspace lacks makes every kind that needs it unavailable, even one whose
   * endpoint still answers: without Protocols, schema settings read back as defaults and say
   * nothing true.
   */
  private withholdFeatureKinds(items: Map<KindName, RawItem[]>, readKinds: Set<KindName>, unavailable: UnavailableKind[]): void {
    const missing = new Set(unavailable.map((u) => this.catalog.get(u.kind).feature).filter((f): f is string => !!f));
    for (const definition of this.catalog.kinds) {
      if (!definition.feature || !missing.has(definition.feature) || !readKinds.has(definition.kind)) continue;
      readKinds.delete(definition.kind);
      items.delete(definition.kind);
      unavailable.push({ kind: definition.kind, reason: `the workspace lacks the '${definition.feature}' feature` });
    }
  }

  /** Removes vanished parents and everything below them from what was read. */
  private dropVanished(items: Map<KindName, RawItem[]>, vanished: Array<{ kind: KindName; id: string }>): void {
    if (!vanished.length) return;
    const gone = new Set(vanished.map((v) => resourceKey(v.kind, v.id)));
    for (const definition of this.catalog.kinds) {
      const list = items.get(definition.kind);
      if (!list) continue;
      const kept = list.filter((item) => {
        const own = resourceKey(definition.kind, String(item.raw.id ?? ''));
        const parent = definition.parent && item.parentId ? resourceKey(definition.parent.kind, item.parentId) : undefined;
        if (parent && gone.has(parent)) {
          gone.add(own);
          return false;
        }
        return !gone.has(own);
      });
      items.set(definition.kind, kept);
    }
  }
}
