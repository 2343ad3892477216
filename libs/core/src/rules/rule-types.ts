import { EventType } from '../events';
import { getAt } from '../json';
import { KindCatalog, KindName } from '../kinds';
import { ResourceBody } from '../resources';
import { NaturalKeyResolver } from '../snapshot';
import { effectiveLabels } from '../history/labels';
import { ChangeRule, ChangeRuleType, RuleInput, SnapshotChange } from './change-rule';

/** What a rule type concludes: nothing, or a summary and the natural keys concerned. */
export interface Finding {
  summary: string;
  resources: string[];
}

export interface RuleContext {
  catalog: KindCatalog;
  input: RuleInput;
  /** Resolves references over the state after the snapshot plus what it deleted. */
  resolver: NaturalKeyResolver;
}

type Evaluate = (rule: ChangeRule, ctx: RuleContext) => Finding | undefined;

const plural = (count: number, label: string): string => `${count} ${label}${count === 1 ? '' : 's'}`;

const labelOf = (catalog: KindCatalog, kind: KindName): string => (catalog.has(kind) ? catalog.get(kind).label : kind);

/** A change from enabled to disabled, read where the kind's catalog entry says its switch is. */
function isDisabling(catalog: KindCatalog, change: SnapshotChange): boolean {
  if (change.type !== EventType.ResourceUpdated || !catalog.has(change.kind)) return false;
  const pointer = catalog.get(change.kind).enabledPointer;
  return pointer !== undefined && getAt(change.before, pointer) === true && getAt(change.after, pointer) === false;
}

const deletedOrDisabled: Evaluate = (rule, { catalog, input }) => {
  const { kind, threshold = 0 } = rule.params;
  const concerned = input.changes.filter((c) => c.kind === kind && (c.type === EventType.ResourceDeleted || isDisabling(catalog, c)));
  if (concerned.length <= threshold) return undefined;
  return {
    summary: `${plural(concerned.length, labelOf(catalog, kind!))} deleted or disabled in one snapshot (more than ${threshold})`,
    resources: concerned.map((c) => c.naturalKey),
  };
};

/** The parent a child body refers to (the reference to its catalog parent's kind). */
function parentOf(catalog: KindCatalog, kind: KindName, body: ResourceBody['body'] | undefined): string | undefined {
  if (!body) return undefined;
  const definition = catalog.get(kind);
  const parentKind = definition.parent?.kind;
  return definition.references(body).find((r) => r.kind === parentKind)?.value;
}

const rulesLost: Evaluate = (rule, { catalog, input, resolver }) => {
  const { kind, percent = 0 } = rule.params;
  if (!kind || !catalog.has(kind) || !catalog.get(kind).parent) return undefined;
  const parentKind = catalog.get(kind).parent!.kind;
  const tally = new Map<string, { after: number; created: number; deleted: string[] }>();
  const of = (parent: string | undefined) => {
    if (parent === undefined) return undefined;
    let entry = tally.get(parent);
    if (!entry) tally.set(parent, (entry = { after: 0, created: 0, deleted: [] }));
    return entry;
  };
  for (const change of input.changes) {
    if (change.kind !== kind) continue;
    if (change.type === EventType.ResourceDeleted) of(parentOf(catalog, kind, change.before))?.deleted.push(change.naturalKey);
    const created = change.type === EventType.ResourceCreated ? of(parentOf(catalog, kind, change.after)) : undefined;
    if (created) created.created++;
  }
  if (![...tally.values()].some((t) => t.deleted.length)) return undefined;
  for (const resource of input.after) {
    const entry = resource.kind === kind ? tally.get(parentOf(catalog, kind, resource.body) ?? '') : undefined;
    if (entry) entry.after++;
  }
  const sentences: string[] = [];
  const resources: string[] = [];
  for (const [parent, { after, created, deleted }] of tally) {
    const before = after - created + deleted.length;
    const lost = before - after;
    if (before <= 0 || lost <= 0 || (lost / before) * 100 <= percent) continue;
    const name = resolver.target(parentKind, parent) ? resolver.naturalKey(parentKind, parent) : parent;
    sentences.push(
      `${labelOf(catalog, parentKind)} '${name}' lost ${lost} of its ${before} ${labelOf(catalog, kind)}s (${Math.round((lost / before) * 1000) / 10} %)`,
    );
    resources.push(...deleted);
  }
  if (!sentences.length) return undefined;
  return { summary: `${sentences.join('; ')} — more than ${percent} %`, resources };
};

/** `key:value` matches itself; a bare `key` matches the key with any value. */
const matchesLabel = (wanted: string) => (label: string) => (wanted.includes(':') ? label === wanted : label.split(':')[0] === wanted);

const labelChanged: Evaluate = (rule, { catalog, input, resolver }) => {
  const wanted = rule.params.label ?? '';
  const concerned = input.changes.filter((change) =>
    [change.before, change.after].some(
      (body) => body && effectiveLabels(catalog, resolver, { kind: change.kind, id: change.resourceId, body }).some(matchesLabel(wanted)),
    ),
  );
  if (!concerned.length) return undefined;
  return {
    summary: `${plural(concerned.length, 'change')} to resources labelled ${wanted}`,
    resources: concerned.map((c) => `${labelOf(catalog, c.kind)} ${c.naturalKey} (${c.type.replace('Resource', '').toLowerCase()})`),
  };
};

/** Each rule type's evaluation: a table, so a new type is an entry here and in the API's params. */
export const RULE_TYPES: Record<ChangeRuleType, Evaluate> = {
  'deleted-or-disabled': deletedOrDisabled,
  'rules-lost': rulesLost,
  'label-changed': labelChanged,
};
