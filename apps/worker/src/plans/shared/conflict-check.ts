import { Inject, Injectable } from '@nestjs/common';
import { JsonObject, KIND_CATALOG, KindCatalog, naturalResourceKey, ResourceEntry, resourceKey } from '@app/core';
import { PlanConflict, PlanRecord, PlanRepository, StateReader, WorkspaceRepository } from '@app/store';

/**
 * What changed in the target between planning and applying that the plan depends on: a
 * resource a step writes or deletes changed or vanished, one it refers to vanished, or one it
 * would create appeared. Changes elsewhere in the workspace do not stop an apply.
 */
@Injectable()
export class ConflictCheck {
  constructor(
    private readonly plans: PlanRepository,
    private readonly workspaces: WorkspaceRepository,
    private readonly states: StateReader,
    @Inject(KIND_CATALOG) private readonly catalog: KindCatalog,
  ) {}

  async find(plan: PlanRecord, nowVersion: number): Promise<PlanConflict[]> {
    if (plan.liveVersion === null || plan.liveVersion === nowVersion) return [];
    const workspace = await this.workspaces.get(plan.targetWorkspaceId, { allowArchived: true });
    const [planned, now] = await Promise.all(
      [plan.liveVersion, nowVersion].map(async (version) =>
        this.states.stateAt(workspace, await this.states.resolve(workspace, { version })),
      ),
    );
    const nowByNaturalKey = new Set(now!.entries.map((e) => naturalResourceKey(e.kind, e.naturalKey)));
    const plannedByNaturalKey = new Set(planned!.entries.map((e) => naturalResourceKey(e.kind, e.naturalKey)));
    const conflicts: PlanConflict[] = [];
    const check = (step: number, kind: string, id: string, naturalKey: string, expectedHash?: string | null) => {
      const key = resourceKey(kind, id);
      const before = planned!.byKey.get(key);
      const after = now!.byKey.get(key);
      if (before && !after)
        conflicts.push({
          step,
          kind,
          naturalKey,
          id,
          change: 'deleted',
          message: `${this.label(kind)} '${naturalKey}' was deleted after the plan was made`,
        });
      else if (after && (expectedHash ?? before?.hash) && after.hash !== (expectedHash ?? before?.hash))
        conflicts.push({
          step,
          kind,
          naturalKey,
          id,
          change: 'changed',
          message: `${this.label(kind)} '${naturalKey}' was changed after the plan was made`,
        });
    };
    for (const step of await this.plans.steps(plan.id)) {
      if (step.liveId) check(step.position, step.kind, step.liveId, step.naturalKey, step.beforeHash);
      for (const item of step.items ?? []) if (item.liveId) check(step.position, step.kind, item.liveId, item.naturalKey);
      if ((step.action === 'create' || step.action === 'invite') && !step.replace) {
        const key = naturalResourceKey(step.kind, step.naturalKey);
        if (nowByNaturalKey.has(key) && !plannedByNaturalKey.has(key))
          conflicts.push({
            step: step.position,
            kind: step.kind,
            naturalKey: step.naturalKey,
            change: 'created',
            message: `${this.label(step.kind)} '${step.naturalKey}' was created after the plan was made`,
          });
      }
      for (const target of this.referencedLiveIds(step.kind, step.after, planned!.byKey)) {
        if (!now!.byKey.has(resourceKey(target.kind, target.id)))
          conflicts.push({
            step: step.position,
            kind: target.kind,
            naturalKey: target.naturalKey,
            id: target.id,
            change: 'deleted',
            message: `${this.label(target.kind)} '${target.naturalKey}', which step ${step.position} refers to, was deleted after the plan was made`,
          });
      }
    }
    return conflicts;
  }

  /** Live resources a step's body points at by id (placeholders for new resources aside). */
  private referencedLiveIds(
    kind: string,
    after: JsonObject | null,
    planned: Map<string, ResourceEntry>,
  ): Array<{ kind: string; id: string; naturalKey: string }> {
    if (!after || !this.catalog.has(kind)) return [];
    return this.catalog
      .get(kind)
      .references(after)
      .filter((r) => !r.by && !r.value.startsWith('$new:'))
      .map((r) => planned.get(resourceKey(r.kind, r.value)))
      .filter((e): e is ResourceEntry => !!e)
      .map((e) => ({ kind: e.kind, id: e.id, naturalKey: e.naturalKey }));
  }

  private label(kind: string): string {
    return this.catalog.has(kind) ? this.catalog.get(kind).label : kind;
  }
}
