import { KindCatalog } from '../libs/core/src';
import { WorkspaceRead } from '../libs/segment/src';

const pages = (n: number, pageSize: number) => Math.max(1, Math.ceil(n / pageSize));

/**
 * The fewest requests that can read a workspace: one per list page of `pageSize`, one per parent
 * whose children are listed separately (and one per further page), one per item whose details or
 * attachments are read separately. Computed from what a read found, independently of how the
 * reader got there.
 */
export function minimumRequests(catalog: KindCatalog, read: WorkspaceRead, pageSize = 1000): number {
  let total = 0;
  for (const definition of catalog.kinds) {
    if (!read.readKinds.has(definition.kind)) continue;
    const items = read.items.get(definition.kind) ?? [];
    const list = definition.list;
    if (definition.parent) {
      const parents = (read.items.get(definition.parent.kind) ?? []).filter(
        (p) => !definition.parent!.when || definition.parent!.when(p.raw),
      );
      const perParent = new Map<string, number>();
      for (const item of items) perParent.set(item.parentId!, (perParent.get(item.parentId!) ?? 0) + 1);
      for (const parent of parents)
        total += list.single || !list.paginated ? 1 : pages(perParent.get(String(parent.raw.id)) ?? 0, pageSize);
    } else if (list.single || !list.paginated) {
      total += list.variants?.length ?? 1;
    } else {
      for (const variant of list.variants ?? [{}]) {
        const matching = items.filter((item) => Object.entries(variant).every(([k, v]) => item.raw[k] === v));
        total += pages(matching.length, pageSize);
      }
    }
    if (list.detail) total += items.length;
    for (const attachment of list.attachments ?? []) {
      for (const item of items) total += pages(((item.raw[attachment.field] as unknown[]) ?? []).length, pageSize);
    }
  }
  return total;
}
