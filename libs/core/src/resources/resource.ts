import { KindName } from '../kinds';
import { JsonObject } from '../json';

/*
 * The four shapes of a resource that every layer shares, from Segment's answer to a plan step:
 * an item as listed (RawItem), normalized (ResourceBody), known by the log without its body
 * (ResourceEntry), and known with its body (Resource). A whole workspace at one moment is a
 * WorkspaceState.
 */

/** An item as Segment lists it, before normalization; a child kind's item carries its parent's. */
export interface RawItem {
  raw: JsonObject;
  parentRaw?: JsonObject;
  parentId?: string;
}

/** A normalized resource: what natural keys, references and labels are computed from. */
export interface ResourceBody {
  kind: KindName;
  id: string;
  body: JsonObject;
}

/**
 * A resource of a state without its body: its identity, its natural key and the hash of its
 * body (bodies are content-addressed and loaded by hash when needed). Read from the log, it
 * also says at which version and when its content was last recorded.
 */
export interface ResourceEntry {
  kind: KindName;
  id: string;
  naturalKey: string;
  hash: string;
  version?: number;
  observedAt?: Date;
}

/** A resource of a state with its body, and the display name its catalog entry gives it. */
export interface Resource extends ResourceEntry, ResourceBody {
  displayName?: string;
}

/** A whole workspace at one moment: what restore and copy plan between, and diffs compare. */
export interface WorkspaceState {
  /** The Segment workspace's slug (natural keys of some kinds carry it). */
  workspaceSlug: string;
  resources: Resource[];
}
