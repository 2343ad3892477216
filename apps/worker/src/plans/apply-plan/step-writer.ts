import {
  BatchItem,
  Created,
  getAt,
  IllegalStateError,
  isSuppliedMarker,
  JsonObject,
  KindCatalog,
  KindDefinition,
  leaves,
  PendingReference,
  supplySecrets,
  SuppliedSecret,
  unknownSecrets,
  withChanges,
  withoutUnknownSecrets,
  WriteRequest,
} from '@app/core';
import { SegmentApiError, SegmentClient } from '@app/segment';
import { PlanStepRecord, StepResult } from '@app/store';

export interface StepOutcome {
  resultId?: string;
  result?: StepResult;
  requests: number;
}

/** Results of earlier steps, by position: the ids later steps point at. */
export type StepResults = Map<number, Created>;

/** What a done step gives the steps that point at it. */
export function createdBy(step: PlanStepRecord): Created {
  const identity = step.result?.identity;
  return { id: step.resultId ?? '', ...(identity ? { identity } : {}) };
}

export const isCreate = (step: PlanStepRecord): boolean => step.action === 'create' || step.action === 'invite';

/** The body a create or update step writes (the planner always gives them one). */
export function bodyToWrite(step: PlanStepRecord): JsonObject {
  if (!step.after) throw new IllegalStateError(`step ${step.position} (${step.action} ${step.kind}) has no body to write`);
  return step.after;
}

/** The body a delete or an update started from. */
function bodyBefore(step: PlanStepRecord): JsonObject {
  if (!step.before) throw new IllegalStateError(`step ${step.position} (${step.action} ${step.kind}) has no body before`);
  return step.before;
}

/**
 * Turns one stored step into Segment requests and sends them: references to resources created
 * by earlier steps get their new ids, supplied secrets their values, unknown secrets are left
 * out (and left alone on update).
 */
export class StepWriter {
  constructor(
    private readonly catalog: KindCatalog,
    private readonly client: SegmentClient,
    private readonly secrets: SuppliedSecret[],
  ) {}

  /** The body to write: ids filled in, supplied secrets put back, unknown secrets removed. */
  desiredBody(
    kind: string,
    after: JsonObject,
    pending: PendingReference[],
    results: StepResults,
    origin: { id?: string; naturalKey: string },
  ): { body: JsonObject; unknown: string[] } {
    const filled = withChanges(
      after,
      pending.map((p) => {
        const created = results.get(p.step);
        if (!created) throw new IllegalStateError(`step ${p.step}, which ${p.pointer} waits for, has no result`);
        const value = p.by ? created.identity?.[p.by] : created.id;
        if (value === undefined) throw new IllegalStateError(`step ${p.step} did not report its ${p.by}`);
        return [p.pointer, value] as const;
      }),
    );
    const supplied = supplySecrets(filled, this.secrets, { kind, id: origin.id, naturalKey: origin.naturalKey }).body;
    const left = [...leaves(supplied)].filter(([, v]) => isSuppliedMarker(v)).map(([pointer]) => pointer);
    if (left.length) throw new IllegalStateError(`the secret for ${left.join(', ')} is no longer available; make the plan again with it`);
    return { body: withoutUnknownSecrets(supplied).body, unknown: unknownSecrets(supplied) };
  }

  async perform(step: PlanStepRecord, results: StepResults): Promise<StepOutcome> {
    const definition = this.catalog.get(step.kind);
    const writer = definition.write;
    if (!writer) throw new IllegalStateError(`${definition.label}s cannot be written`);
    // steps run concurrently on one client: each counts its own requests
    const sent = { requests: 0 };
    const send = (request: WriteRequest, isCreate = false, goneIsDone = false) => this.send(request, sent, isCreate, goneIsDone);
    const done = (outcome: Omit<StepOutcome, 'requests'> = {}): StepOutcome => ({ ...outcome, requests: sent.requests });
    const origin = { id: step.originId ?? undefined, naturalKey: step.naturalKey };
    switch (step.action) {
      case 'create':
      case 'invite': {
        const { body } = this.desiredBody(step.kind, bodyToWrite(step), step.pending, results, origin);
        const answer = await send(writer.create(body), true);
        const created = writer.created((answer ?? {}) as JsonObject, body);
        for (const request of writer.afterCreate?.(created.id, body) ?? []) await send(request);
        return done({ resultId: created.id, result: { ...(created.identity ? { identity: created.identity } : {}) } });
      }
      case 'update': {
        const { body, unknown } = this.desiredBody(step.kind, bodyToWrite(step), step.pending, results, origin);
        for (const request of writer.update?.(step.liveId!, body, withoutPointers(bodyBefore(step), unknown)) ?? []) await send(request);
        return done({ resultId: step.liveId! });
      }
      case 'delete':
        await send(writer.delete(step.liveId!, bodyBefore(step)), false, true);
        return done();
      case 'upsert-batch':
      case 'delete-batch':
        return done(await this.batch(step, definition, results, sent));
      default:
        throw new IllegalStateError(`unknown step action '${step.action}'`);
    }
  }

  /** Converges an adopted resource (found by natural key after an uncertain create) on its desired body. */
  async converge(step: PlanStepRecord, found: { id: string; body: JsonObject }, results: StepResults): Promise<number> {
    const writer = this.catalog.get(step.kind).write!;
    const sent = { requests: 0 };
    const { body, unknown } = this.desiredBody(step.kind, bodyToWrite(step), step.pending, results, {
      id: step.originId ?? undefined,
      naturalKey: step.naturalKey,
    });
    for (const request of writer.update?.(found.id, body, withoutPointers(found.body, unknown)) ?? []) await this.send(request, sent);
    return sent.requests;
  }

  private async batch(
    step: PlanStepRecord,
    definition: KindDefinition,
    results: StepResults,
    sent: { requests: number },
  ): Promise<Omit<StepOutcome, 'requests'>> {
    const batch = definition.write!.batch!;
    const items: BatchItem[] = step.items ?? [];
    const removal = step.action === 'delete-batch';
    const bodies = items.map((item) =>
      removal
        ? item.before!
        : this.desiredBody(step.kind, item.after!, item.pending, results, { id: item.originId, naturalKey: item.naturalKey }).body,
    );
    for (const chunk of chunks(bodies, removal ? (batch.removeMaxItems ?? batch.maxItems) : batch.maxItems, batch.maxBytes))
      await this.send(removal ? batch.remove(chunk) : batch.upsert(chunk), sent, false, removal);
    if (removal) return {};
    const ids = items.map((item, i) => ({ originId: item.originId, id: definition.write!.created({}, bodies[i]!).id }));
    return { result: { ids } };
  }

  private async send(request: WriteRequest, sent: { requests: number }, isCreate = false, goneIsDone = false): Promise<unknown> {
    try {
      const response = await this.client.request<unknown>(request.method, request.path, {
        query: request.query,
        body: request.body,
        rateClass: request.rateClass,
        version: request.version,
        // a create repeated after an unknown outcome could make a second resource
        idempotent: !isCreate,
      });
      sent.requests += response.attempts ?? 1;
      return response.data;
    } catch (error) {
      sent.requests += 1;
      if (goneIsDone && error instanceof SegmentApiError && error.status === 404) return undefined;
      throw error;
    }
  }
}

/** Chunks under both a count and a size cap (a tracking plan's 2 MB request limit). */
export function chunks<T>(items: T[], maxItems: number, maxBytes: number): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const item of items) {
    const bytes = Buffer.byteLength(JSON.stringify(item)) + 1;
    if (current.length && (current.length >= maxItems || size + bytes > maxBytes)) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += bytes;
  }
  if (current.length) out.push(current);
  return out;
}

const withoutPointers = (body: JsonObject, pointers: string[]): JsonObject =>
  withChanges(
    body,
    pointers.filter((p) => getAt(body, p) !== undefined).map((p) => [p, undefined] as const),
  );
