import { KindCatalog, KindName, resourceKey } from '../kinds';
import { JsonObject } from '../json';
import { ResourceEntry } from '../resources';
import { jsonPatch, PatchOperation } from './json-patch';
import { summarizeChange } from './summary';

export interface DiffEntry {
  kind: KindName;
  id: string;
  naturalKey: string;
  status: 'created' | 'deleted' | 'changed';
  ops: PatchOperation[];
  summary: string;
}

export interface DiffTotals {
  created: number;
  deleted: number;
  changed: number;
}

const entryKey = (r: ResourceEntry) => resourceKey(r.kind, r.id);

/** The body hashes a diff of these two states will read: those of resources that differ. */
export function hashesToCompare(before: ResourceEntry[], after: ResourceEntry[]): string[] {
  const old = new Map(before.map((r) => [entryKey(r), r.hash]));
  const hashes = new Set<string>();
  const seen = new Set<string>();
  for (const r of after) {
    const k = entryKey(r);
    seen.add(k);
    const previous = old.get(k);
    if (previous === r.hash) continue;
    hashes.add(r.hash);
    if (previous) hashes.add(previous);
  }
  for (const r of before) if (!seen.has(entryKey(r))) hashes.add(r.hash);
  return [...hashes];
}

/**
 * What changed between two states of one workspace, resource by resource (same ids on both
 * sides): created, deleted, or changed with the JSON Patch from the old body to the new. Equal
 * hashes mean equal bodies, so only differing resources' bodies are read (`bodyOf`).
 */
export function diffStates(
  catalog: KindCatalog,
  before: ResourceEntry[],
  after: ResourceEntry[],
  bodyOf: (hash: string) => JsonObject,
): { entries: DiffEntry[]; totals: Record<KindName, DiffTotals> } {
  const old = new Map(before.map((r) => [entryKey(r), r]));
  const now = new Map(after.map((r) => [entryKey(r), r]));
  const entries: DiffEntry[] = [];
  const totals: Record<KindName, DiffTotals> = {};
  const count = (kind: string, status: keyof DiffTotals) => ((totals[kind] ??= { created: 0, deleted: 0, changed: 0 })[status] += 1);
  for (const k of [...new Set([...old.keys(), ...now.keys()])].sort()) {
    const a = old.get(k);
    const b = now.get(k);
    if (a && b && a.hash === b.hash) continue;
    const resource = (b ?? a)!;
    const status = !a ? 'created' : !b ? 'deleted' : 'changed';
    const beforeBody = a ? bodyOf(a.hash) : undefined;
    const afterBody = b ? bodyOf(b.hash) : undefined;
    const definition = catalog.has(resource.kind) ? catalog.get(resource.kind) : undefined;
    const label = definition?.label ?? resource.kind;
    const name = definition?.displayName((afterBody ?? beforeBody)!) || resource.naturalKey;
    const ops = status === 'changed' ? jsonPatch(beforeBody, afterBody) : [];
    count(resource.kind, status);
    entries.push({
      kind: resource.kind,
      id: resource.id,
      naturalKey: resource.naturalKey,
      status,
      ops,
      summary: summarizeChange(label, name, status, ops, beforeBody),
    });
  }
  return { entries, totals };
}
