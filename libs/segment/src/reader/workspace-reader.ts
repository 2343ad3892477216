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
 * Segment's answer for a path it does not serve (to this account, region or API version), as
 * opposed to a resource that is not found: its message names the endpoint, not a resource.
 */
export function isMissingEndpoint(error: unknown): boolean {
  if (!(error instanceof SegmentApiError) || error.status !== 404) return false;
  return /no such (endpoint|route|path)|(endpoint|route|path) (does not exist|not found|is not served)|unknown (endpoint|route|path)/i.test(
    error.error.message ?? '',
  );
}

/** A list the workspace's API does not serve: the kind is unavailable, and nothing is inferred from it. */
class EndpointUnavailable extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`Segment does not serve ${path} here (404: ${reason})`);
  }
}

/** Runs one request of a kind's read; a 404 saying the endpoint does not exist makes the kind unavailable. */
async function served<T>(path: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (isMissingEndpoint(error)) throw new EndpointUnavailable(path, (error as SegmentApiError).error.message ?? 'not found');
    throw error;
  }
}

/**
 * Reads a whole workspace, kind by kind as the catalog describes: every page of every list, each
 * child list per parent, details and attachments per item. Kinds start as soon as their parent
 * kind is read; the client bounds concurrency and rate. A kind Segment refuses (403, a feature
 * the workspace lacks) or does not serve (a 404 naming the endpoint, or any 404 on a top-level
 * list, which has no parent to have vanished) is unavailable, not a failure; a 404 on a child
 * list means its parent vanished mid-read; any other error fails the read.
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
      const parentKind = definition.parent?.kind;
      const perKind = definition.list.per?.kind;
      for (const needed of [parentKind, perKind]) {
        if (!needed) continue;
        await done.get(needed);
        if (!readKinds.has(needed)) {
          unavailable.push({ kind: definition.kind, reason: `the kind '${needed}' it is read by is unavailable` });
          return;
        }
      }
      try {
        const list = parentKind
          ? await this.readChildren(definition, [...(ids.get(parentKind)?.values() ?? [])], vanished)
          : perKind
            ? await this.readPer(definition, [...(ids.get(perKind)?.values() ?? [])], vanished)
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
        if (error instanceof EndpointUnavailable) {
          unavailable.push({ kind: definition.kind, reason: error.message });
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
      const { data } = await this.topLevel(list.path, () =>
        this.client.get<Record<string, unknown>>(list.path, { rateClass: list.rateClass }),
      );
      return [{ raw: asItem(data[list.itemsKey] ?? data) }];
    }
    const batches = await Promise.all(
      (list.variants ?? [{}]).map((query) => this.topLevel(list.path, () => this.listItems(list.path, list, query))),
    );
    return Promise.all(batches.flat().map(async (raw) => ({ raw: await this.complete(definition, raw) })));
  }

  /** A top-level list has no parent that could have vanished: any 404 means Segment does not serve it here. */
  private async topLevel<T>(path: string, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (error instanceof SegmentApiError && error.status === 404) throw new EndpointUnavailable(path, error.error.message ?? 'not found');
      throw error;
    }
  }

  private async listItems(path: string, list: KindDefinition['list'], query: Record<string, string> = {}): Promise<JsonObject[]> {
    if (list.paginated) return (await this.client.listAll<unknown>(path, list.itemsKey, { query, rateClass: list.rateClass })).map(asItem);
    const { data } = await this.client.get<Record<string, unknown>>(path, { query, rateClass: list.rateClass });
    return ((data[list.itemsKey] as unknown[] | undefined) ?? []).map(asItem);
  }

  /**
   * A kind listed once per item of another, which it names in the query. An item that vanished
   * meanwhile (404) has nothing listed under it any more, and is gone itself.
   */
  private async readPer(definition: KindDefinition, items: RawItem[], vanished: Array<{ kind: KindName; id: string }>): Promise<RawItem[]> {
    const per = definition.list.per!;
    const wanted = items.filter((item) => !per.when || per.when(item.raw));
    const lists = await Promise.all(
      wanted.map(async (item) => {
        try {
          return await served(definition.list.path, () => this.listItems(definition.list.path, definition.list, per.query(item.raw)));
        } catch (error) {
          if (!(error instanceof SegmentApiError && error.status === 404)) throw error;
          vanished.push({ kind: per.kind, id: String(item.raw.id) });
          return [];
        }
      }),
    );
    return Promise.all(lists.flat().map(async (raw) => ({ raw: await this.complete(definition, raw) })));
  }

  /** Fetches an item's details and attachments when the catalog asks for them. */
  private async complete(definition: KindDefinition, raw: JsonObject): Promise<JsonObject> {
    let item = raw;
    const id = String(raw.id ?? '');
    if (definition.list.detail) {
      const path = fill(definition.list.detail.path, { id });
      const { data } = await served(definition.list.detail.path, () => this.client.get<Record<string, unknown>>(path));
      item = asItem(data[definition.list.detail.key]);
    }
    for (const attachment of definition.list.attachments ?? []) {
      const path = fill(attachment.path, { id });
      const values = await served(attachment.path, () => this.client.listAll<unknown>(path, attachment.itemsKey));
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
            const { data } = await served(list.path, () => this.client.get<Record<string, unknown>>(path, { rateClass: list.rateClass }));
            return [{ raw: asItem(data), parentRaw: parent.raw, parentId }];
          }
          const children = await served(list.path, () => this.listItems(path, list));
          return Promise.all(
            children.map(async (child) => ({ raw: await this.complete(definition, child), parentRaw: parent.raw, parentId })),
          );
        } catch (error) {
          // The parent was deleted between listing it and listing its children: it is gone. (A
          // 404 naming the endpoint left as EndpointUnavailable: the kind is not served at all.)
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
