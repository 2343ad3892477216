import { KindCatalog, KindName, NormalizeContext } from '../kinds';
import { contentHash, getAt } from '../json';
import { RawItem, Resource, ResourceBody } from '../resources';

/**
 * Resolves natural keys over a set of resources, kind by kind in catalog order (references point
 * only to earlier kinds, or to the same kind when the target has no references of its own).
 */
export class NaturalKeyResolver {
  /** kind → id → resource: nested maps, no key strings to build on every lookup. */
  private readonly byId = new Map<KindName, Map<string, ResourceBody>>();
  /** Lazily built indexes for references by another field (kind + field → value → resource). */
  private readonly byField = new Map<string, Map<unknown, ResourceBody>>();
  private readonly keys = new Map<KindName, Map<string, string>>();

  constructor(
    private readonly catalog: KindCatalog,
    private readonly workspaceSlug: string,
    resources: Iterable<ResourceBody>,
  ) {
    for (const resource of resources) {
      let ofKind = this.byId.get(resource.kind);
      if (!ofKind) this.byId.set(resource.kind, (ofKind = new Map()));
      ofKind.set(resource.id, resource);
    }
  }

  private find(kind: KindName, value: string, by?: string): ResourceBody | undefined {
    if (!by) return this.byId.get(kind)?.get(value);
    const indexKey = `${kind}\u0000${by}`;
    let index = this.byField.get(indexKey);
    if (!index) {
      index = new Map();
      for (const resource of this.byId.get(kind)?.values() ?? []) index.set(getAt(resource.body, `/${by}`), resource);
      this.byField.set(indexKey, index);
    }
    return index.get(value);
  }

  /** The resource a reference points to, if it is present. */
  target(kind: KindName, value: string, by?: string): ResourceBody | undefined {
    return this.find(kind, value, by);
  }

  naturalKey(kind: KindName, id: string): string {
    let known = this.keys.get(kind);
    if (!known) this.keys.set(kind, (known = new Map()));
    const cached = known.get(id);
    if (cached !== undefined) return cached;
    const resource = this.byId.get(kind)?.get(id);
    if (!resource) throw new Error(`no ${kind} '${id}'`);
    // Cycles cannot recurse forever: a resource being computed answers with its id meanwhile.
    known.set(id, `${kind}:${id}`);
    const key = this.catalog.get(kind).naturalKey(resource.body, {
      workspaceSlug: this.workspaceSlug,
      ref: (refKind, value, by) => {
        const target = this.find(refKind, value, by);
        return target ? this.naturalKey(target.kind, target.id) : undefined;
      },
    });
    known.set(id, key);
    return key;
  }
}

/**
 * Normalizes raw items into stored resources: body, content hash and natural key. Pure: the
 * snapshot job does the reading, this decides what is recorded.
 */
export function observeResources(catalog: KindCatalog, workspaceSlug: string, itemsByKind: Map<KindName, RawItem[]>): Resource[] {
  const normalized: ResourceBody[] = [];
  for (const definition of catalog.kinds) {
    for (const item of itemsByKind.get(definition.kind) ?? []) {
      const ctx: NormalizeContext = { workspaceSlug, parent: item.parentRaw };
      const body = definition.normalize(item.raw, ctx);
      if (definition.isDefault?.(body)) continue;
      normalized.push({ kind: definition.kind, id: definition.id(item.raw, body), body });
    }
  }
  const resolver = new NaturalKeyResolver(catalog, workspaceSlug, normalized);
  return normalized.map((resource) => ({
    kind: resource.kind,
    id: resource.id,
    body: resource.body,
    hash: contentHash(resource.body),
    naturalKey: resolver.naturalKey(resource.kind, resource.id),
    displayName: catalog.get(resource.kind).displayName(resource.body),
  }));
}
