import { KindName } from '../kinds';

/**
 * The vocabulary of a workspace's event log: every type of event the log holds, and nothing
 * else. The store writes and reads these; no other layer spells an event type.
 */
export const EventType = {
  ResourceCreated: 'ResourceCreated',
  ResourceUpdated: 'ResourceUpdated',
  ResourceDeleted: 'ResourceDeleted',
  /** A resource's natural key moved while its body did not (something it refers to was renamed). */
  NaturalKeyChanged: 'NaturalKeyChanged',
  SnapshotCompleted: 'SnapshotCompleted',
  SnapshotFailed: 'SnapshotFailed',
} as const;

export type EventType = (typeof EventType)[keyof typeof EventType];

/** Events that change a resource's state (content or key): the ones state-at-version folds. */
export const RESOURCE_EVENT_TYPES = [
  EventType.ResourceCreated,
  EventType.ResourceUpdated,
  EventType.ResourceDeleted,
  EventType.NaturalKeyChanged,
] as const;

export type ResourceEventType = (typeof RESOURCE_EVENT_TYPES)[number];

export function isResourceEventType(value: string): value is ResourceEventType {
  return (RESOURCE_EVENT_TYPES as readonly string[]).includes(value);
}

/** What caused an event: a read of the workspace, or one of our own plans writing to it. */
export type EventCause = 'snapshot' | 'restore' | 'copy';

interface ResourceFact {
  kind: KindName;
  resourceId: string;
  naturalKey: string;
}

export interface ResourceCreated extends ResourceFact {
  type: typeof EventType.ResourceCreated;
  blobHash: string;
}

export interface ResourceUpdated extends ResourceFact {
  type: typeof EventType.ResourceUpdated;
  blobHash: string;
  previousHash: string;
}

export interface ResourceDeleted extends ResourceFact {
  type: typeof EventType.ResourceDeleted;
  previousHash: string;
}

export interface NaturalKeyChanged extends ResourceFact {
  type: typeof EventType.NaturalKeyChanged;
  /** The body did not change: the event names the hash it still has. */
  blobHash: string;
}

/** A change of content seen by a read: what a snapshot records per resource. */
export type ResourceChange = ResourceCreated | ResourceUpdated | ResourceDeleted;

export type ResourceEvent = ResourceChange | NaturalKeyChanged;

export interface SnapshotCompletedData {
  snapshotId: string;
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  resourceCount: number;
  rootHash: string;
  unavailableKinds: Array<{ kind: KindName; reason: string }>;
  requests: number;
  vanished: Array<{ kind: KindName; id: string }>;
  timings?: Record<string, number>;
}

export interface SnapshotCompleted {
  type: typeof EventType.SnapshotCompleted;
  data: SnapshotCompletedData;
}

export interface SnapshotFailed {
  type: typeof EventType.SnapshotFailed;
  data: { snapshotId: string; error: string; requests: number };
}

/** Every event a workspace's log holds. */
export type WorkspaceEvent = ResourceEvent | SnapshotCompleted | SnapshotFailed;

/** The body hash a resource has after the event (none after a deletion). */
export function hashAfter(event: ResourceEvent): string | undefined {
  return event.type === EventType.ResourceDeleted ? undefined : event.blobHash;
}

/** Counts of a snapshot's changes by type. */
export function countChanges(changes: readonly ResourceChange[]): { created: number; updated: number; deleted: number } {
  const counts = { created: 0, updated: 0, deleted: 0 };
  for (const change of changes) {
    if (change.type === EventType.ResourceCreated) counts.created++;
    else if (change.type === EventType.ResourceUpdated) counts.updated++;
    else counts.deleted++;
  }
  return counts;
}
