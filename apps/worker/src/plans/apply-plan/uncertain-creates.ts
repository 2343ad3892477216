import { Inject, Injectable } from '@nestjs/common';
import { getAt, Json, JsonObject, KIND_CATALOG, KindCatalog, NaturalKeyResolver, observeResources, Resource } from '@app/core';
import { SegmentClient, WorkspaceReader } from '@app/segment';
import { PlanRecord, PlanRepository, PlanStepRecord, StepResult } from '@app/store';
import { bodyToWrite, createdBy, isCreate, StepResults, StepWriter } from './step-writer';

/**
 * Steps whose outcome is unknown (an answer lost, a worker that died mid-step): creates are
 * looked for by natural key in a fresh read of the workspace (found: adopted and brought to the
 * desired body; not found: tried again); every other step is idempotent and simply runs again.
 * Nothing is ever created twice.
 */
@Injectable()
export class UncertainCreates {
  constructor(
    private readonly plans: PlanRepository,
    @Inject(KIND_CATALOG) private readonly catalog: KindCatalog,
  ) {}

  async settle(
    plan: PlanRecord,
    client: SegmentClient,
    writer: StepWriter,
    uncertain: PlanStepRecord[],
    results: StepResults,
    slug: string,
  ): Promise<void> {
    const read = await new WorkspaceReader(client, this.catalog).read();
    const observed = observeResources(this.catalog, read.workspace.slug || slug, read.items);
    for (const step of uncertain) {
      const found = isCreate(step) ? this.lookFor(step, observed, results, writer, read.workspace.slug || slug) : undefined;
      if (!found) {
        await this.plans.resetStep(plan.id, step.position);
        step.status = 'pending';
        continue;
      }
      const requests = await writer.converge(step, found, results);
      const identity = this.identityOf(step.kind, found.body);
      const result: StepResult = { adopted: true, ...(Object.keys(identity).length ? { identity } : {}) };
      await this.plans.finishStep(plan.id, step.position, { status: 'done', resultId: found.id, result, requests });
      Object.assign(step, { status: 'done', resultId: found.id, result });
      results.set(step.position, createdBy(step));
    }
  }

  /** The fields other resources refer to it by (the catalog's `identity`), read from its live body. */
  private identityOf(kind: string, body: JsonObject): JsonObject {
    const identity: JsonObject = {};
    for (const pointer of this.catalog.get(kind).identity) {
      const value = getAt(body, pointer);
      if (isPresent(value)) identity[pointer.slice(1)] = value;
    }
    return identity;
  }

  /** The live resource a create step may already have made: same kind, same natural key in the target. */
  private lookFor(
    step: PlanStepRecord,
    observed: Resource[],
    results: StepResults,
    writer: StepWriter,
    slug: string,
  ): Resource | undefined {
    const definition = this.catalog.get(step.kind);
    const kind = step.action === 'invite' ? (definition.write?.invitedAs ?? step.kind) : step.kind;
    let body;
    try {
      body = writer.desiredBody(step.kind, bodyToWrite(step), step.pending, results, {
        id: step.originId ?? undefined,
        naturalKey: step.naturalKey,
      }).body;
    } catch {
      return undefined;
    }
    const candidate = { kind: step.kind, id: '\u0000candidate', body };
    const naturalKey = new NaturalKeyResolver(this.catalog, slug, [...observed, candidate]).naturalKey(step.kind, candidate.id);
    return observed.find((r) => r.kind === kind && r.naturalKey === naturalKey);
  }
}

/** A value read from a JSON body is JSON, unless it is absent. */
const isPresent = (value: unknown): value is Json => value !== undefined;
