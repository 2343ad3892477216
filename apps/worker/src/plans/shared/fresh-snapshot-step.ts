import { Injectable } from '@nestjs/common';
import { PlanChange, PlanRecord, PlanRepository, PlanStatus, SnapshotRecord } from '@app/store';
import { SnapshotRunner } from './snapshot-runner';

/** A snapshot that completed: it has a version. */
export type CompletedSnapshot = SnapshotRecord & { status: 'completed'; version: number };

export interface FreshSnapshotOrStop {
  /** The workspace to read; the plan's target unless said otherwise. */
  workspaceId?: string;
  /** The plan's status while this runs; the plan moves on from it only if it is still there. */
  from: PlanStatus;
  /** Where the plan goes when the workspace cannot be read. */
  to: 'failed' | 'partial';
  /** What the plan says then, given why the read failed. */
  stop: (reason: string) => PlanChange;
  /** The snapshot's events are the plan's doing (`cause: restore|copy`, the plan as cause id). */
  causedByPlan?: boolean;
}

const isCompleted = (snapshot: SnapshotRecord): snapshot is CompletedSnapshot =>
  snapshot.status === 'completed' && snapshot.version !== null;

/**
 * The step planning, applying and verifying share: read a workspace fresh (a snapshot that
 * started now), or, when it cannot be read, move the plan to failed or partial saying why.
 */
@Injectable()
export class FreshSnapshotStep {
  constructor(
    private readonly plans: PlanRepository,
    private readonly snapshots: SnapshotRunner,
  ) {}

  /** The completed snapshot, or undefined when the plan was stopped. */
  async takeOrStop(plan: PlanRecord, options: FreshSnapshotOrStop): Promise<CompletedSnapshot | undefined> {
    const trigger = plan.type === 'copy' ? 'copy' : 'restore';
    const snapshot = await this.snapshots.fresh(options.workspaceId ?? plan.targetWorkspaceId, {
      trigger,
      ...(options.causedByPlan ? { cause: trigger, causeId: plan.id } : {}),
    });
    if (isCompleted(snapshot)) return snapshot;
    await this.plans.transition(plan.id, [options.from], options.to, {
      ...options.stop(snapshot.error ?? 'the snapshot failed'),
      finishedAt: new Date(),
    });
    return undefined;
  }
}
