import { isSecretMarker, KindCatalog, KindName } from '../kinds';
import { getAt, JsonObject, jsonEqual, withChanges } from '../json';
import { Resource, ResourceBody, WorkspaceState } from '../resources';
import { NaturalKeyResolver } from '../snapshot';
import { jsonPatch, PatchOperation } from './json-patch';
import { fieldName, leaves, summarizeChange } from './summary';

export interface CrossDiffEntry {
  kind: KindName;
  naturalKey: string;
  status: 'onlyLeft' | 'onlyRight' | 'changed' | 'ambiguous';
  leftIds: string[];
  rightIds: string[];
  ops: PatchOperation[];
  /** Fields that hold a secret Segment masks on one side: they cannot be compared. */
  notComparable: string[];
  summary: string;
}

export interface CrossDiffTotals {
  onlyLeft: number;
  onlyRight: number;
  changed: number;
  same: number;
  ambiguous: number;
}

export interface CrossDiff {
  entries: CrossDiffEntry[];
  totals: Record<KindName, CrossDiffTotals>;
}

/**
 * A body that can be compared with the same resource in another workspace: references become
 * `{ $ref: "kind:natural key" }` of what they point to, and the resource's own server-generated
 * identifiers are dropped. Ids that differ between workspaces then never show up as differences.
 */
export function comparableBody(catalog: KindCatalog, resolver: NaturalKeyResolver, resource: ResourceBody): JsonObject {
  const definition = catalog.get(resource.kind);
  const changes = new Map<string, unknown>();
  for (const reference of definition.references(resource.body)) {
    if (changes.has(reference.pointer)) continue;
    const target = resolver.target(reference.kind, reference.value, reference.by);
    if (!target) continue; // a global id (catalog entry) or a dangling reference: compared as is
    // a state's resources carry their recorded natural key; raw bodies have it computed
    const key = (target as Partial<Resource>).naturalKey ?? resolver.naturalKey(target.kind, target.id);
    changes.set(reference.pointer, { $ref: `${target.kind}:${key}` });
  }
  for (const pointer of definition.identity) changes.set(pointer, undefined);
  // bodies may be shared (cached): rewrite a copy, sharing what is untouched
  return withChanges(resource.body, [...changes]);
}

/** Splits operations into real differences and fields where a masked secret makes comparing moot. */
function partitionSecrets(ops: PatchOperation[], left: unknown, right: unknown): { changes: PatchOperation[]; notComparable: string[] } {
  const changes: PatchOperation[] = [];
  const notComparable = new Set<string>();
  for (const op of ops) {
    const secret =
      isSecretMarker(getAt(left, op.path)) || isSecretMarker(getAt(right, op.path)) || ('value' in op && isSecretMarker(op.value));
    if (secret) notComparable.add(fieldName(op.path));
    else changes.push(op);
  }
  // a secret present on both sides is not comparable either, even though it is "equal"
  return { changes, notComparable: [...notComparable] };
}

function secretFields(body: unknown): string[] {
  return [...leaves(body)].filter(([, value]) => isSecretMarker(value)).map(([pointer]) => fieldName(pointer));
}

/**
 * Compares two workspace states by natural key. Resources with the same natural key twice on a
 * side are reported as ambiguous, never silently paired.
 */
export function crossWorkspaceDiff(
  catalog: KindCatalog,
  left: WorkspaceState,
  right: WorkspaceState,
  options: { kinds?: ReadonlySet<KindName> } = {},
): CrossDiff {
  const sides = [left, right].map((side) => {
    const resolver = new NaturalKeyResolver(catalog, side.workspaceSlug, side.resources);
    // kind → natural key → resources (nested: no long key strings to build and hash)
    const byKey = new Map<KindName, Map<string, Resource[]>>();
    for (const resource of side.resources) {
      // references are resolved over the whole workspace, only the compared kinds are limited
      if (options.kinds && !options.kinds.has(resource.kind)) continue;
      let ofKind = byKey.get(resource.kind);
      if (!ofKind) byKey.set(resource.kind, (ofKind = new Map()));
      const same = ofKind.get(resource.naturalKey);
      if (same) same.push(resource);
      else ofKind.set(resource.naturalKey, [resource]);
    }
    return { resolver, byKey };
  });
  const [l, r] = sides as [(typeof sides)[0], (typeof sides)[0]];
  const entries: CrossDiffEntry[] = [];
  const totals: Record<KindName, CrossDiffTotals> = {};
  const NONE: Resource[] = [];
  for (const kind of new Set([...l.byKey.keys(), ...r.byKey.keys()])) {
    const definition = catalog.get(kind);
    // a single item at the root (the workspace itself) is what is being compared, not a part of it
    if (definition.list.single && !definition.parent) continue;
    const total: CrossDiffTotals = (totals[kind] = { onlyLeft: 0, onlyRight: 0, changed: 0, same: 0, ambiguous: 0 });
    const lefts = l.byKey.get(kind) ?? new Map<string, Resource[]>();
    const rights = r.byKey.get(kind) ?? new Map<string, Resource[]>();
    const naturalKeys = [...lefts.keys()];
    for (const key of rights.keys()) if (!lefts.has(key)) naturalKeys.push(key);
    for (const naturalKey of naturalKeys) {
      const ls = lefts.get(naturalKey) ?? NONE;
      const rs = rights.get(naturalKey) ?? NONE;
      if (ls.length === 1 && rs.length === 1) {
        const [x, y] = [ls[0]!, rs[0]!];
        // Equal content hashes are equal bodies; ids inside them are workspace-specific, so
        // equal references point to the same (global) thing. Only the rest needs rewriting.
        if (x.hash === y.hash) {
          total.same++;
          continue;
        }
        const a = comparableBody(catalog, l.resolver, x);
        const b = comparableBody(catalog, r.resolver, y);
        if (jsonEqual(a, b)) {
          total.same++;
          continue;
        }
        const { changes, notComparable } = partitionSecrets(jsonPatch(a, b), a, b);
        if (!changes.length) {
          total.same++;
          continue;
        }
        total.changed++;
        const secrets = [...new Set([...notComparable, ...secretFields(a), ...secretFields(b)])].sort();
        const name = definition.displayName(x.body) || naturalKey;
        entries.push({
          kind,
          naturalKey,
          leftIds: [x.id],
          rightIds: [y.id],
          status: 'changed',
          ops: changes,
          notComparable: secrets,
          summary: summarizeChange(definition.label, name, 'changed', changes, a),
        });
        continue;
      }
      const name = definition.displayName((ls[0] ?? rs[0])!.body) || naturalKey;
      const base = { kind, naturalKey, leftIds: ls.map((x) => x.id), rightIds: rs.map((x) => x.id), ops: [], notComparable: [] };
      if (ls.length > 1 || rs.length > 1) {
        total.ambiguous++;
        entries.push({
          ...base,
          status: 'ambiguous',
          summary: `${definition.label} '${name}': ${Math.max(ls.length, rs.length)} resources share this natural key; not compared`,
        });
      } else if (!rs.length) {
        total.onlyLeft++;
        entries.push({ ...base, status: 'onlyLeft', summary: `${definition.label} '${name}' only in the left workspace` });
      } else {
        total.onlyRight++;
        entries.push({ ...base, status: 'onlyRight', summary: `${definition.label} '${name}' only in the right workspace` });
      }
    }
  }
  entries.sort((a, b) =>
    a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.naturalKey < b.naturalKey ? -1 : a.naturalKey > b.naturalKey ? 1 : 0,
  );
  return { entries, totals };
}
