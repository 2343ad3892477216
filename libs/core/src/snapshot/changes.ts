import { EventType, NaturalKeyChanged, ResourceChange } from '../events';
import { KindName, resourceKey as key } from '../kinds';
import { sha256Hex } from '../json';
import { Resource, ResourceEntry } from '../resources';

export interface ChangeSet {
  changes: ResourceChange[];
  unchanged: number;
  /**
   * Unchanged resources whose natural key moved because something they refer to was renamed
   * (a filter's key carries its destination's name). Recorded as `NaturalKeyChanged` events so
   * that the log alone answers "what was this called at version V".
   */
  renamedKeys: NaturalKeyChanged[];
}

/**
 * Compares what was observed with the current heads. Only kinds read completely (`readKinds`)
 * can yield deletions: a kind that was unavailable or unread says nothing about what exists.
 */
export function detectChanges(observed: Resource[], heads: ResourceEntry[], readKinds: ReadonlySet<KindName>): ChangeSet {
  const headByKey = new Map(heads.map((head) => [key(head.kind, head.id), head]));
  const seen = new Set<string>();
  const changes: ResourceChange[] = [];
  const renamedKeys: ChangeSet['renamedKeys'] = [];
  let unchanged = 0;
  for (const resource of observed) {
    const k = key(resource.kind, resource.id);
    if (seen.has(k)) throw new Error(`${resource.kind} '${resource.id}' was observed twice in one snapshot`);
    seen.add(k);
    const head = headByKey.get(k);
    if (!head) {
      changes.push({
        type: EventType.ResourceCreated,
        kind: resource.kind,
        resourceId: resource.id,
        naturalKey: resource.naturalKey,
        blobHash: resource.hash,
      });
    } else if (head.hash !== resource.hash) {
      changes.push({
        type: EventType.ResourceUpdated,
        kind: resource.kind,
        resourceId: resource.id,
        naturalKey: resource.naturalKey,
        blobHash: resource.hash,
        previousHash: head.hash,
      });
    } else {
      unchanged++;
      if (head.naturalKey !== resource.naturalKey)
        renamedKeys.push({
          type: EventType.NaturalKeyChanged,
          kind: resource.kind,
          resourceId: resource.id,
          naturalKey: resource.naturalKey,
          blobHash: resource.hash,
        });
    }
  }
  for (const head of heads) {
    if (!readKinds.has(head.kind) || seen.has(key(head.kind, head.id))) continue;
    changes.push({
      type: EventType.ResourceDeleted,
      kind: head.kind,
      resourceId: head.id,
      naturalKey: head.naturalKey,
      previousHash: head.hash,
    });
  }
  return { changes, unchanged, renamedKeys };
}

/**
 * The manifest root: one hash over every (kind, id, content hash) of a state, so that two
 * snapshots (or a snapshot and an export) can be compared with a single value.
 */
export function manifestRoot(entries: Iterable<Pick<ResourceEntry, 'kind' | 'id' | 'hash'>>): string {
  const lines = [...entries].map((e) => `${e.kind}\t${e.id}\t${e.hash}`).sort();
  return sha256Hex(lines.join('\n'));
}
