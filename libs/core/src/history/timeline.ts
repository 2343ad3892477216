import { EventType, ResourceEventType } from '../events';
import { KindDefinition } from '../kinds';
import { JsonObject } from '../json';
import { blame, FieldBlame } from './blame';
import { jsonPatch, PatchOperation } from './json-patch';
import { summarizeChange } from './summary';

/** What the log says of one event of a resource, whichever way it is shown. */
interface ResourceEventFacts {
  version: number;
  type: ResourceEventType;
  observedAt: Date;
  cause: string;
  causeId: string | null;
  naturalKey: string | null;
}

/** One event of a resource as the log holds it, with its body (none for a deletion). */
export interface StoredResourceEvent extends ResourceEventFacts {
  blobHash: string | null;
  body: JsonObject | null;
}

export interface TimelineEntry extends ResourceEventFacts {
  hash: string | null;
  /** RFC 6902 operations from the previous body (none for a creation or deletion). */
  patch: PatchOperation[];
  summary: string;
}

export interface ResourceTimeline {
  naturalKey: string | null;
  exists: boolean;
  /** The last body the resource had (its body before deletion, for a deleted one). */
  body: JsonObject | null;
  events: TimelineEntry[];
  blame: Record<string, FieldBlame>;
}

/**
 * A resource's history, oldest first: each event with its patch from the previous body and a
 * one-line summary, and field-level blame for its latest body.
 */
export function resourceTimeline(definition: KindDefinition, id: string, events: StoredResourceEvent[]): ResourceTimeline {
  const bodyOf = (event: StoredResourceEvent) => (event.type === EventType.ResourceDeleted ? null : event.body);
  let previous: JsonObject | null = null;
  const entries = events.map((event): TimelineEntry => {
    const body = bodyOf(event);
    const patch = previous !== null && body !== null ? jsonPatch(previous, body) : [];
    const status = event.type === EventType.ResourceCreated ? 'created' : event.type === EventType.ResourceDeleted ? 'deleted' : 'changed';
    const name = definition.displayName(body ?? previous ?? {}) || event.naturalKey || id;
    const summary =
      event.type === EventType.NaturalKeyChanged
        ? `${definition.label} '${name}': natural key is now '${event.naturalKey}' (something it refers to was renamed)`
        : summarizeChange(definition.label, name, status, patch, previous ?? undefined);
    previous = body;
    return {
      version: event.version,
      type: event.type,
      observedAt: event.observedAt,
      cause: event.cause,
      causeId: event.causeId,
      naturalKey: event.naturalKey,
      hash: event.blobHash,
      patch,
      summary,
    };
  });
  const last = events[events.length - 1];
  return {
    naturalKey: last?.naturalKey ?? null,
    exists: !!last && last.type !== EventType.ResourceDeleted,
    body: [...events].reverse().find((e) => bodyOf(e) !== null)?.body ?? null,
    events: entries,
    blame: blame(
      events.map((e) => ({ version: e.version, observedAt: e.observedAt, cause: e.cause, causeId: e.causeId, body: bodyOf(e) })),
    ),
  };
}
