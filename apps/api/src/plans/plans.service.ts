import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AtSpec, ConflictError, Gap, KIND_CATALOG, KindCatalog, Scope, SuppliedSecret, unmatchedSecrets, ValidationError } from '@app/core';
import { PlanRequester } from '@app/jobs';
import { PlanOptionsRecord, PlanRepository, PlanStatus, PlanType, StateReader, TokenCipher, WorkspaceRecord } from '@app/store';
import { resolvedView } from '../history/views';

export interface NewPlanRequest {
  type: PlanType;
  target: WorkspaceRecord;
  source: WorkspaceRecord;
  /** A point in the source's history, or `fresh`: a snapshot taken when planning. */
  at: AtSpec | 'fresh';
  dryRun: boolean;
  options: PlanOptionsRecord;
  secrets: SuppliedSecret[];
  requestedBy?: string;
}

/** A plan can be cancelled until a worker starts applying it. */
const CANCELLABLE: PlanStatus[] = ['planning', 'ready', 'queued'];

/**
 * Records a plan and queues its making. Everything the request names is checked here (kinds,
 * the version, the workspaces), so that a bad request is a 400 or 404 now, not a failed job later.
 */
@Injectable()
export class PlansService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly states: StateReader,
    private readonly requester: PlanRequester,
    private readonly cipher: TokenCipher,
    @Inject(KIND_CATALOG) private readonly catalog: KindCatalog,
  ) {}

  checkScope(scope: Scope | undefined, field: string): void {
    const check = (kinds: string[] | undefined, at: string) =>
      (kinds ?? []).forEach((kind, i) => {
        if (!this.catalog.has(kind))
          throw new ValidationError(`${at}[${i}]`, `${at}[${i}] must be one of ${this.catalog.names().join(', ')}; got '${kind}'`);
      });
    check(scope?.kinds, `${field}.kinds`);
    check(scope?.exclude?.kinds, `${field}.exclude.kinds`);
  }

  checkSecrets(secrets: SuppliedSecret[]): void {
    secrets.forEach((secret, i) => {
      if (!this.catalog.has(secret.kind))
        throw new ValidationError(
          `secrets[${i}].kind`,
          `secrets[${i}].kind must be one of ${this.catalog.names().join(', ')}; got '${secret.kind}'`,
        );
    });
  }

  /** Approves a ready plan and queues its apply; anything else is a 409 saying why. */
  async approve(planId: string, approvedBy?: string) {
    const plan = await this.plans.get(planId);
    if (plan.dryRun)
      throw new ConflictError('This plan was made as a dry run and cannot be applied; make it again without dryRun', {
        planId,
        status: plan.status,
      });
    if (plan.status !== 'ready') {
      const why: Record<string, string> = {
        planning: 'it is still being made; wait until its status is ready',
        failed: `it failed: ${plan.error ?? 'see its error'}`,
        cancelled: 'it was cancelled',
        conflict: 'the workspace changed since it was made; make a new plan',
      };
      throw new ConflictError(`Plan ${planId} cannot be applied: ${why[plan.status] ?? `it is ${plan.status} already`}`, {
        planId,
        status: plan.status,
      });
    }
    const cycles = ((plan.summary as { gaps?: Gap[] } | null)?.gaps ?? []).filter((g) => g.type === 'cycle');
    if (cycles.length) throw new ConflictError(`Plan ${planId} cannot be applied: ${cycles[0]!.message}`, { planId });
    const moved = await this.plans.transition(planId, ['ready'], 'queued', { approvedAt: new Date(), approvedBy: approvedBy ?? null });
    if (!moved) throw new ConflictError(`Plan ${planId} is no longer ready (it was applied or cancelled meanwhile)`, { planId });
    return { planId, status: 'queued', jobId: await this.requester.apply(planId) };
  }

  /**
   * Cancels a plan no worker has started to apply: being made, ready, or queued for its apply
   * (whose job is withdrawn; a job that runs all the same finds the plan cancelled and does
   * nothing). Applying, verifying or finished is a 409.
   */
  async cancel(planId: string) {
    const plan = await this.plans.get(planId);
    const moved = await this.plans.transition(planId, CANCELLABLE, 'cancelled', { finishedAt: new Date() });
    if (!moved) throw new ConflictError(`Plan ${planId} cannot be cancelled: it is ${plan.status}`, { planId, status: plan.status });
    await this.requester.withdraw(plan.status === 'planning' ? 'make' : 'apply', planId);
    return (await this.plans.find(planId))!;
  }

  async create(request: NewPlanRequest) {
    if (request.target.archivedAt)
      throw new ConflictError(`Workspace '${request.target.name}' is archived: nothing can be written to it`, {
        workspaceId: request.target.id,
      });
    this.checkSecrets(request.secrets);
    const point = request.at === 'fresh' ? undefined : await this.states.resolve(request.source, request.at);
    // a secret for a resource the source does not hold would go nowhere; a fresh source is checked when planning
    if (point && request.secrets.length) {
      const [unmatched] = unmatchedSecrets(request.secrets, (await this.states.stateAt(request.source, point)).entries);
      if (unmatched) throw new ValidationError(unmatched.field, unmatched.message);
    }
    const id = randomUUID();
    const secrets = request.secrets.length ? this.cipher.encrypt(JSON.stringify(request.secrets), `plan:${id}`) : undefined;
    const plan = await this.plans.create({
      id,
      type: request.type,
      targetWorkspaceId: request.target.id,
      sourceWorkspaceId: request.source.id,
      sourceVersion: point?.version ?? 0,
      sourceRequested: point?.requested ?? 'live: a snapshot taken when planning',
      dryRun: request.dryRun,
      options: {
        ...request.options,
        ...(point ? {} : { sourceFresh: true }),
        secretsSupplied: request.secrets.map((s) => ({ kind: s.kind, resource: s.resource, field: s.field })),
      },
      secrets,
      requestedBy: request.requestedBy,
    });
    const jobId = await this.requester.plan(plan.id);
    return {
      planId: plan.id,
      status: plan.status,
      jobId,
      source: { workspaceId: request.source.id, ...(point ? resolvedView(point) : { requested: plan.sourceRequested }) },
    };
  }
}
