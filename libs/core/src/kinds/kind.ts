import { JsonObject } from '../json';

/**
 * The declarative description of one resource kind. One table of these drives snapshot, diff,
 * plan and apply; adding a kind means adding an entry (in libs/segment) and its tests, never
 * touching the engines. Where a rule is not data, the entry holds a small pure function.
 */
export type KindName = string;

/** Rate-limit classes: Segment documents lower limits for some endpoints. */
export type RateClass = string;

export interface ListSpec {
  /** Path template; `{parentId}` is replaced by the parent resource's id. */
  path: string;
  /** Where the items sit in `data` (`sources`, `filters`, …). Ignored for `single` reads. */
  itemsKey: string;
  /** Cursor pagination (every list but labels). */
  paginated: boolean;
  /** One list request per variant (functions are listed per `resourceType`). */
  variants?: Array<Record<string, string>>;
  /** The request returns one object per parent, not a list (source schema settings). */
  single?: boolean;
  /** Fetch each listed item in full (function lists omit the code); `{id}` is the item's id. */
  detail?: { path: string; key: string };
  /**
   * Lists read per item and attached to it as a field (a group's members and invites); `{id}`
   * is the item's id, `pick` takes one field of each listed element.
   */
  attachments?: Array<{ field: string; path: string; itemsKey: string; pick?: string }>;
  rateClass?: RateClass;
  /**
   * Listed once per item of another kind that the endpoint takes in its query, not its path
   * (insert function instances per insert function: `?functionId=<catalogId>`). Unlike a parent,
   * this only shapes the read.
   */
  per?: { kind: KindName; when?: (raw: JsonObject) => boolean; query: (raw: JsonObject) => Record<string, string> };
}

export interface ParentSpec {
  kind: KindName;
  /** Skip the child request for parents that cannot have children (saves requests). */
  when?: (parentRaw: JsonObject) => boolean;
}

/** One place in a body that refers to another resource. */
export interface ReferenceOccurrence {
  /** JSON Pointer to the value. */
  pointer: string;
  kind: KindName;
  /** The value found there. */
  value: string;
  /**
   * How the value identifies its target: by the target's id (default), or by another field of
   * the target's body (a function's workspace-specific `catalogId`).
   */
  by?: string;
  /** The value may instead be global (a catalog id), in which case it is not a reference. */
  optional?: boolean;
  /**
   * The value names its target the same way in every workspace (a label's `key:value`): it
   * orders writes (the label first) but is never rewritten.
   */
  stable?: boolean;
}

/** One HTTP request a writer asks for; paths are already filled in. */
export interface WriteRequest {
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, unknown>;
  body?: unknown;
  rateClass?: RateClass;
  /**
   * The API version the endpoint is served at when it has no stable one: its body is then sent as
   * `application/vnd.segment.<version>+json`, the only media types such endpoints take.
   */
  version?: 'v1beta' | 'v1alpha';
}

/** What the answer to a create says about the new resource. */
export interface Created {
  id: string;
  /** Server-generated fields other resources refer to (a function's workspace-specific catalogId). */
  identity?: JsonObject;
}

/**
 * Several resources written by one request (a tracking plan's rules: an upsert and a removal
 * call per plan, under Segment's 2 MB request cap).
 */
export interface BatchWriter {
  /** The request path's owner: resources with the same group go together. From the live-id body. */
  group(body: JsonObject): string;
  maxItems: number;
  /** Fewer per removal when it goes in the query string (URL length), not in a body. */
  removeMaxItems?: number;
  maxBytes: number;
  upsert(items: JsonObject[]): WriteRequest;
  remove(items: JsonObject[]): WriteRequest;
}

/**
 * How restore and copy write a kind. Bodies given to a writer are the stored (normalized) bodies
 * with references already pointing at the target workspace's ids and unknown secrets removed.
 */
export interface KindWriter {
  /**
   * How a missing resource comes back: created, or — for users, whom the API cannot create —
   * invited (the person must accept before they exist again).
   */
  mode?: 'create' | 'invite';
  /** The kind an invitation shows up as until it is accepted (natural keys alike). */
  invitedAs?: KindName;
  /** The request that creates the resource; its answer names the new id (`created`). */
  create(desired: JsonObject): WriteRequest;
  created(data: JsonObject, desired: JsonObject): Created;
  /** Requests after the create that need the new id: update-only fields, attached lists. */
  afterCreate?(id: string, desired: JsonObject): WriteRequest[];
  /** Requests that turn the live body into the desired one; absent when nothing can be updated. */
  update?(id: string, desired: JsonObject, live: JsonObject): WriteRequest[];
  delete(id: string, live: JsonObject): WriteRequest;
  batch?: BatchWriter;
  /**
   * Objects an update replaces whole instead of merging (`/settings` of an insert-function
   * instance): a secret inside that the backup does not know is cleared by the update, unless
   * supplied. `always` when every update sends the object (the endpoint requires it).
   */
  replaces?: Array<{ pointer: string; always?: boolean }>;
}

export interface NaturalKeyContext {
  /** The natural key of the resource a reference points to (undefined when not found). */
  ref(kind: KindName, value: string, by?: string): string | undefined;
  /** Slug of the Segment workspace the resource was read from. */
  workspaceSlug: string;
}

export interface NormalizeContext {
  workspaceSlug: string;
  /** The parent's raw item, for child kinds. */
  parent?: JsonObject;
}

export interface KindDefinition {
  kind: KindName;
  /** Human name used in summaries: "destination 'Amplitude (web)'". */
  label: string;
  list: ListSpec;
  parent?: ParentSpec;
  /** Segment feature the kind needs; without it the kind is recorded as unavailable. */
  feature?: string;
  /** Never written by restore or copy (roles, the workspace itself). */
  readOnly?: boolean;

  /**
   * Turns an item as Segment returns it into the stored body: volatile fields dropped, derived
   * objects reduced to their ids, masked secrets replaced by a marker.
   */
  normalize(raw: JsonObject, ctx: NormalizeContext): JsonObject;
  /**
   * The resource's id: server-generated (from the raw item), or composite for pairs and rules
   * (from the body). Lists of bare strings arrive as `{ value }`.
   */
  id(raw: JsonObject, body: JsonObject): string;
  /** Matches the same resource across workspaces and across re-creations. */
  naturalKey(body: JsonObject, ctx: NaturalKeyContext): string;
  /**
   * A body that only restates Segment's defaults is not configuration: it is not recorded (a new
   * source's default schema settings), and restoring "no resource" means restoring the defaults.
   */
  isDefault?(body: JsonObject): boolean;
  /** Display name for summaries. */
  displayName(body: JsonObject): string;
  /**
   * JSON Pointer of the resource's on/off switch (`/enabled`): a change from true to false there
   * is a disabling, which change rules count like a deletion. Absent for kinds without one.
   */
  enabledPointer?: string;
  /** The labels (`key:value`) the resource carries itself; what refers to it inherits them. */
  labels?(body: JsonObject): string[];
  references(body: JsonObject): ReferenceOccurrence[];

  /** Changing one of these (JSON Pointers) means delete and re-create. */
  createOnly: string[];
  /** Can only be set by an update after create (a source's name). */
  updateOnly: string[];
  /**
   * The resource's own server-generated identifiers kept in the body (a function's catalogId):
   * needed to resolve references, ignored when comparing across workspaces.
   */
  identity: string[];
  /** Patterns (JSON Pointers, `*` for any key) of settings Segment masks or omits. */
  secrets: string[];

  /**
   * The global catalog entry the resource is an instance of (a destination's metadataId): a copy
   * checks that the target workspace's catalog has it. `{id}` in the path is the value.
   */
  catalogEntry?: {
    pointer: string;
    path: string;
    /**
     * Where the instance's settings are: some of them Segment computes itself and ignores when
     * written (it says so nowhere); those learned are then left out of comparisons.
     */
    settings?: string;
  };
  /**
   * What must be equal for a write to have nothing to do, when that is not the stored body (a
   * group's members and pending invitations are one list of people to Segment).
   */
  comparable?(body: JsonObject): JsonObject;

  /** How restore and copy write it; absent for read-only kinds. */
  write?: KindWriter;
  /**
   * Kinds whose deletion takes this resource along when it refers to them (a destination's
   * filters go with it): no delete request is planned for it then.
   */
  deletedWith?: KindName[];
}

/** What a masked or omitted secret is recorded as: "secret, unknown", never a value. */
export const SECRET_UNKNOWN: JsonObject = Object.freeze({ $secret: 'unknown' });

/**
 * Where a plan holds a secret supplied with the request: the value itself stays encrypted with
 * the plan and is put back only when the step is applied.
 */
export const SECRET_SUPPLIED: JsonObject = Object.freeze({ $secret: 'supplied' });

export function isSuppliedMarker(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { $secret?: unknown }).$secret === 'supplied';
}

export function isSecretMarker(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { $secret?: unknown }).$secret === 'unknown';
}

/** Segment masks secrets as bullets (`••••••••••`); any string containing one is masked. */
export function isMaskedValue(value: unknown): boolean {
  return typeof value === 'string' && value.includes('•');
}
