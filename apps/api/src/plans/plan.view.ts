import { PlanRecord, PlanStepRecord } from '@app/store';

export function planView(plan: PlanRecord, extra: Record<string, unknown> = {}) {
  const options = plan.options as Record<string, unknown>;
  return {
    id: plan.id,
    type: plan.type,
    status: plan.status,
    dryRun: plan.dryRun,
    target: { workspaceId: plan.targetWorkspaceId },
    source: { workspaceId: plan.sourceWorkspaceId, version: plan.sourceVersion, requested: plan.sourceRequested },
    options,
    versions: { live: plan.liveVersion, beforeApply: plan.preApplyVersion, verified: plan.verifyVersion },
    summary: plan.summary,
    progress: plan.progress,
    conflicts: plan.conflicts,
    report: plan.report,
    error: plan.error,
    requestedBy: plan.requestedBy,
    approvedBy: plan.approvedBy,
    createdAt: plan.createdAt,
    plannedAt: plan.plannedAt,
    approvedAt: plan.approvedAt,
    applyStartedAt: plan.applyStartedAt,
    finishedAt: plan.finishedAt,
    ...extra,
  };
}

export function stepView(step: PlanStepRecord) {
  return {
    position: step.position,
    action: step.action,
    kind: step.kind,
    naturalKey: step.naturalKey,
    name: step.displayName,
    reason: step.reason,
    replace: step.replace,
    originId: step.originId,
    liveId: step.liveId,
    before: step.before,
    after: step.after,
    ops: step.ops,
    items: step.items,
    dependsOn: step.dependsOn,
    secretsMissing: step.secretsMissing,
    secretsSupplied: step.secretsSupplied,
    status: step.status,
    attempts: step.attempts,
    resultId: step.resultId,
    error: step.error,
    requests: step.requests,
    startedAt: step.startedAt,
    finishedAt: step.finishedAt,
  };
}
