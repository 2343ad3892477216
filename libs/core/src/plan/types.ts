import { KindName } from '../kinds';
import { JsonObject } from '../json';
import { Resource } from '../resources';
import { PatchOperation } from '../history/json-patch';

/** A secret value supplied for a resource of the source state. */
export interface SuppliedSecret {
  kind: KindName;
  /** The resource's id in the source state, or its natural key. */
  resource: string;
  /** JSON Pointer (`/settings/apiKey`) or dotted name (`settings.apiKey`). */
  field: string;
  value: unknown;
}

/** What a restore or copy covers; everything when empty. */
export interface Scope {
  kinds?: KindName[];
  /** Ids in the source state. */
  ids?: string[];
  /** Glob patterns (`*` any run) matched against natural keys and display names, case-insensitive. */
  names?: string[];
  /** `key:value` labels: resources carrying them or hanging off a source that does. */
  labels?: string[];
  /** Copy's exclusions, by the same rules. */
  exclude?: { kinds?: KindName[]; names?: string[]; labels?: string[] };
}

export interface PlanOptions {
  /** restore: same workspace, ids carry over; copy: another workspace, matched by mapping and natural key. */
  mode: 'restore' | 'copy';
  allowDelete: boolean;
  /** copy: delete target resources the mapping does not say came from the source, too. */
  deleteUnmapped?: boolean;
  scope?: Scope;
  secrets?: SuppliedSecret[];
  /** `kind\u0000source id` → target id, from earlier copies or from an apply's results. */
  mappings?: ReadonlyMap<string, string>;
  /** Kinds the target cannot hold (its plan lacks the feature), with the reason. */
  unavailableKinds?: ReadonlyMap<KindName, string>;
  /** Settings Segment computes itself, by catalog entry: never written, never compared. */
  computedSettings?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Catalog entries (metadata ids) the target's catalog does not have: their instances cannot be created. */
  missingCatalogEntries?: ReadonlySet<string>;
  /** Rewrites a desired body before comparing (copy's substitutions). */
  transform?: (resource: Resource, body: JsonObject) => JsonObject;
}

export type StepAction = 'create' | 'update' | 'delete' | 'invite' | 'upsert-batch' | 'delete-batch';

/** A reference in a step's body that gets its value when an earlier step has created its target. */
export interface PendingReference {
  pointer: string;
  step: number;
  /** The target's field to use instead of its id (a function's catalogId). */
  by?: string;
}

export interface BatchItem {
  naturalKey: string;
  originId?: string;
  liveId?: string;
  before?: JsonObject;
  after?: JsonObject;
  pending: PendingReference[];
}

export interface PlannedStep {
  index: number;
  action: StepAction;
  kind: KindName;
  naturalKey: string;
  displayName: string;
  /** The resource's id in the source state. */
  originId?: string;
  /** Its id in the target workspace (updates and deletes). */
  liveId?: string;
  before?: JsonObject;
  beforeHash?: string;
  /** The body to write, with target ids; `$new:<step>` where an earlier step supplies the id. */
  after?: JsonObject;
  pending: PendingReference[];
  items?: BatchItem[];
  /** The changes from before to after (updates). */
  ops?: PatchOperation[];
  dependsOn: number[];
  /** Why this step exists, in words. */
  reason: string;
  /** Part of a replace: a create-only field differs. */
  replace?: boolean;
  /** Secret fields the body cannot carry (unknown, not supplied). */
  secretsMissing: string[];
  /** Secret fields set from the request. */
  secretsSupplied: string[];
}

export type GapKind = 'secret' | 'invite' | 'feature' | 'catalog' | 'read-only' | 'ambiguous' | 'missing-reference' | 'cycle';

/** Something the plan cannot do, said before anything is applied. */
export interface Gap {
  type: GapKind;
  kind: KindName;
  naturalKey?: string;
  fields?: string[];
  message: string;
}

export interface PlanResult {
  steps: PlannedStep[];
  gaps: Gap[];
  /** Resources pulled into a selective restore because selected ones need them. */
  pulledIn: Array<{ kind: KindName; naturalKey: string; neededBy: string }>;
  /** Live resources absent from the source, left alone (no allowDelete). */
  kept: Array<{ kind: KindName; naturalKey: string; id: string }>;
  totals: Record<StepAction, number> & { unchanged: number };
}

/** The value written where a step's result will go. */
export const placeholder = (step: number): string => `$new:${step}`;

/** Where an applying step stands: `running` also means "outcome unknown" until it is settled. */
export type StepStatus = 'pending' | 'running' | 'done' | 'failed' | 'blocked';
