import { Injectable, Logger } from '@nestjs/common';
import { NotificationEvent, NotificationEventName, Notifier } from '@app/application';
import { PlanRecord, PlanRepository, WorkspaceRepository } from '@app/store';

/** The event a plan's status announces (statuses not listed announce nothing). */
const PLAN_EVENTS: Partial<Record<PlanRecord['status'], NotificationEventName>> = {
  ready: 'plan.ready',
  completed: 'plan.completed',
  partial: 'plan.partial',
  failed: 'plan.failed',
};

const PLAN_TITLES: Record<string, (plan: PlanRecord, workspace: string) => string> = {
  'plan.ready': (plan, ws) => `${plan.dryRun ? 'Dry-run ' : ''}${plan.type} plan for '${ws}' is ready${plan.dryRun ? '' : ' for approval'}`,
  'plan.completed': (plan, ws) => `The ${plan.type} of '${ws}' completed`,
  'plan.partial': (plan, ws) => `The ${plan.type} of '${ws}' ended partial: ${plan.report?.left?.length ?? 0} things left undone`,
  'plan.failed': (plan, ws) => `The ${plan.type} plan for '${ws}' failed`,
};

/**
 * What the worker tells people about: failed snapshots and plans that reached a state someone acts
 * on. Each occurrence once (dedup key `<event>:<snapshot or plan id>`). A notification that cannot
 * be recorded is logged and never fails the job that saw it.
 */
@Injectable()
export class Notices {
  private readonly logger = new Logger(Notices.name);

  constructor(
    private readonly notifier: Notifier,
    private readonly plans: PlanRepository,
    private readonly workspaces: WorkspaceRepository,
  ) {}

  async snapshotFailed(
    workspaceId: string,
    snapshot: { id: string; cause?: string; causeId?: string | null },
    error: string,
    requests?: number,
  ) {
    const workspace = await this.workspaces.find(workspaceId).catch(() => null);
    const name = workspace?.name ?? workspaceId;
    await this.send({
      event: 'snapshot.failed',
      workspaceId,
      workspaceName: name,
      dedupKey: `snapshot.failed:${snapshot.id}`,
      title: `Snapshot of '${name}' failed`,
      details: {
        snapshotId: snapshot.id,
        workspaceId,
        error,
        ...(requests === undefined ? {} : { requests }),
        ...(snapshot.cause ? { cause: snapshot.cause } : {}),
        ...(snapshot.causeId ? { planId: snapshot.causeId } : {}),
      },
      at: new Date(),
    });
  }

  /** Announces the plan's current status when it is one people act on (ready, completed, partial, failed). */
  async planSettled(planId: string): Promise<void> {
    const plan = await this.plans.find(planId).catch(() => null);
    const event = plan ? PLAN_EVENTS[plan.status] : undefined;
    if (!plan || !event) return;
    const workspace = await this.workspaces.find(plan.targetWorkspaceId).catch(() => null);
    const name = workspace?.name ?? plan.targetWorkspaceId;
    await this.send({
      event,
      workspaceId: plan.targetWorkspaceId,
      workspaceName: name,
      dedupKey: `${event}:${plan.id}`,
      title: PLAN_TITLES[event]!(plan, name),
      details: {
        planId: plan.id,
        type: plan.type,
        status: plan.status,
        dryRun: plan.dryRun,
        sourceWorkspaceId: plan.sourceWorkspaceId,
        ...(plan.summary ? { totals: plan.summary.totals } : {}),
        ...(plan.error ? { error: plan.error } : {}),
        ...(plan.report?.left?.length ? { left: plan.report.left } : {}),
      },
      at: plan.finishedAt ?? plan.plannedAt ?? new Date(),
    });
  }

  private async send(event: NotificationEvent): Promise<void> {
    try {
      await this.notifier.notify(event);
    } catch (error) {
      this.logger.warn({ dedupKey: event.dedupKey }, `Notification ${event.dedupKey} not recorded: ${String(error)}`);
    }
  }
}
