import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, PlannedStep, resourceKey } from '@app/core';
import { PrismaService } from '../prisma.service';
import { isUniqueViolation } from './db-errors';
import { jsonColumn, planChangeData, planFromRow, stepFromRow, stepOutcomeData } from './plan-row.mapper';
import {
  ApplyPhase,
  NewPlan,
  PlanChange,
  PlanProgress,
  PlanRecord,
  PlanStatus,
  PlanStepRecord,
  PlanSummary,
  StepOutcomeChange,
} from './plan.records';

/** Statuses a plan never leaves: its supplied secrets are erased when it reaches one. */
export const TERMINAL_PLAN_STATUSES: ReadonlySet<string> = new Set([
  'failed',
  'cancelled',
  'conflict',
  'completed',
  'partial',
  'applied',
  'expired',
]);

const ERASED_SECRETS = { secretsCiphertext: null, secretsKeyId: null };

/**
 * The columns that erase a plan's supplied secrets (set to null, not just left encrypted) when
 * it moves to `status` and that status is terminal; nothing otherwise.
 */
export const secretsErasedAt = (status: string): Partial<typeof ERASED_SECRETS> =>
  TERMINAL_PLAN_STATUSES.has(status) ? ERASED_SECRETS : {};

@Injectable()
export class PlanRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(input: NewPlan): Promise<PlanRecord> {
    const row = await this.prisma.plan.create({
      data: {
        ...(input.id ? { id: input.id } : {}),
        type: input.type,
        status: 'planning',
        targetWorkspaceId: input.targetWorkspaceId,
        sourceWorkspaceId: input.sourceWorkspaceId,
        sourceVersion: input.sourceVersion,
        sourceRequested: input.sourceRequested,
        dryRun: input.dryRun,
        options: jsonColumn(input.options),
        secretsCiphertext: input.secrets ? new Uint8Array(input.secrets.ciphertext) : null,
        secretsKeyId: input.secrets?.keyId ?? null,
        requestedBy: input.requestedBy ?? null,
      },
    });
    return planFromRow(row);
  }

  async find(id: string): Promise<PlanRecord | null> {
    const row = await this.prisma.plan.findUnique({ where: { id } });
    return row && planFromRow(row);
  }

  async get(id: string): Promise<PlanRecord> {
    const plan = await this.find(id);
    if (!plan) throw new NotFoundError(`No plan '${id}'`, { planId: id });
    return plan;
  }

  async list(options: { workspaceId?: string; take: number; before?: { createdAt: Date; id: string } }): Promise<PlanRecord[]> {
    const rows = await this.prisma.plan.findMany({
      where: {
        ...(options.workspaceId ? { targetWorkspaceId: options.workspaceId } : {}),
        ...(options.before
          ? {
              OR: [{ createdAt: { lt: options.before.createdAt } }, { createdAt: options.before.createdAt, id: { lt: options.before.id } }],
            }
          : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: options.take,
    });
    return rows.map(planFromRow);
  }

  /**
   * Plans waiting for a job (planning, queued, applying, verifying) whose last move is older than
   * `before`, oldest first: what the reconciler checks.
   */
  async unsettled(before: Date, take = 1000): Promise<PlanRecord[]> {
    const rows = await this.prisma.plan.findMany({
      where: {
        OR: [
          { status: 'planning', createdAt: { lt: before } },
          { status: 'queued', approvedAt: { lt: before } },
          { status: { in: ['applying', 'verifying'] }, applyStartedAt: { lt: before } },
        ],
      },
      orderBy: { createdAt: 'asc' },
      take,
    });
    return rows.map(planFromRow);
  }

  /** The plan's steps, written once, in one transaction with its summary and status `ready`. */
  async recordPlan(
    id: string,
    result: { steps: PlannedStep[]; summary: PlanSummary; liveVersion: number; failed?: string },
  ): Promise<void> {
    await this.prisma.$transaction(
      async (tx) => {
        await tx.planStep.deleteMany({ where: { planId: id } });
        // one JSON document per chunk, parsed once by Postgres: a clone has thousands of steps
        for (let i = 0; i < result.steps.length; i += 2000) {
          const rows = result.steps.slice(i, i + 2000).map((step) => ({
            position: step.index,
            action: step.action,
            kind: step.kind,
            natural_key: step.naturalKey,
            display_name: step.displayName,
            origin_id: step.originId ?? null,
            live_id: step.liveId ?? null,
            before: step.before ?? null,
            before_hash: step.beforeHash ?? null,
            after: step.after ?? null,
            pending: step.pending,
            items: step.items ?? null,
            ops: step.ops ?? null,
            depends_on: step.dependsOn,
            reason: step.reason,
            replace: !!step.replace,
            secrets_missing: step.secretsMissing,
            secrets_supplied: step.secretsSupplied,
          }));
          await tx.$executeRawUnsafe(
            `INSERT INTO plan_step (plan_id, position, action, kind, natural_key, display_name, origin_id, live_id, before, before_hash, after, pending, items, ops,
                                    depends_on, reason, replace, secrets_missing, secrets_supplied)
             SELECT $1::uuid, x.position, x.action, x.kind, x.natural_key, x.display_name, x.origin_id, x.live_id, x.before, x.before_hash, x.after, x.pending, x.items, x.ops,
                    ARRAY(SELECT jsonb_array_elements_text(x.depends_on))::int[], x.reason, x.replace,
                    ARRAY(SELECT jsonb_array_elements_text(x.secrets_missing)), ARRAY(SELECT jsonb_array_elements_text(x.secrets_supplied))
             FROM jsonb_to_recordset($2::jsonb) AS x(position int, action text, kind text, natural_key text, display_name text, origin_id text, live_id text, before jsonb,
                    before_hash text, after jsonb, pending jsonb, items jsonb, ops jsonb, depends_on jsonb, reason text, replace boolean, secrets_missing jsonb, secrets_supplied jsonb)`,
            id,
            JSON.stringify(rows),
          );
        }
        await tx.plan.update({
          where: { id },
          data: {
            status: result.failed ? 'failed' : 'ready',
            error: result.failed ?? null,
            summary: jsonColumn(result.summary),
            liveVersion: result.liveVersion,
            plannedAt: new Date(),
          },
        });
        // a failed plan, or a dry run (never applied), needs its supplied secrets no more
        await tx.plan.updateMany({ where: { id, OR: [{ status: 'failed' }, { dryRun: true }] }, data: ERASED_SECRETS });
      },
      { timeout: 120_000 },
    );
  }

  /** Moves a plan from one of `from` to `to`; false when it was not in one of them (someone else moved it). */
  async transition(id: string, from: PlanStatus[], to: PlanStatus, change: PlanChange = {}): Promise<boolean> {
    try {
      const { count } = await this.prisma.plan.updateMany({
        where: { id, status: { in: from } },
        data: { ...planChangeData(change), status: to, ...secretsErasedAt(to) },
      });
      return count === 1;
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ConflictError('Another plan is being applied to this workspace; wait for it to finish', { planId: id });
      throw error;
    }
  }

  /**
   * Records that an apply entered a phase, keeping the step counts and the phases before it (one
   * statement: a progress update racing it cannot drop the phase).
   */
  async enterPhase(id: string, phase: ApplyPhase): Promise<void> {
    await this.prisma.$executeRawUnsafe(
      `UPDATE plan SET progress = coalesce(progress, '{"total": 0}'::jsonb)
         || jsonb_build_object('phase', $2::text,
              'phases', coalesce(progress->'phases', '[]'::jsonb) || jsonb_build_array(jsonb_build_object('phase', $2::text, 'startedAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))))
       WHERE id = $1::uuid`,
      id,
      phase,
    );
  }

  /** Step counts and requests merged into the progress, its phase kept. */
  async recordStepProgress(id: string, counts: Omit<PlanProgress, 'phase' | 'phases'>): Promise<void> {
    await this.prisma.$executeRawUnsafe(
      `UPDATE plan SET progress = coalesce(progress, '{}'::jsonb) || $2::jsonb WHERE id = $1::uuid`,
      id,
      JSON.stringify(counts),
    );
  }

  async update(id: string, change: PlanChange): Promise<PlanRecord> {
    return planFromRow(await this.prisma.plan.update({ where: { id }, data: planChangeData(change) }));
  }

  async steps(planId: string, options: { afterPosition?: number; take?: number; status?: string } = {}): Promise<PlanStepRecord[]> {
    const rows = await this.prisma.planStep.findMany({
      where: {
        planId,
        ...(options.afterPosition ? { position: { gt: options.afterPosition } } : {}),
        ...(options.status ? { status: options.status } : {}),
      },
      orderBy: { position: 'asc' },
      ...(options.take ? { take: options.take } : {}),
    });
    return rows.map(stepFromRow);
  }

  async stepCounts(planId: string): Promise<Record<string, number>> {
    const rows = await this.prisma.planStep.groupBy({ by: ['status'], where: { planId }, _count: { _all: true } });
    return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
  }

  async startStep(planId: string, position: number): Promise<void> {
    await this.prisma.planStep.update({
      where: { planId_position: { planId, position } },
      data: { status: 'running', attempts: { increment: 1 }, startedAt: new Date(), error: null },
    });
  }

  async finishStep(planId: string, position: number, outcome: StepOutcomeChange): Promise<void> {
    await this.prisma.planStep.update({ where: { planId_position: { planId, position } }, data: stepOutcomeData(outcome) });
  }

  async resetStep(planId: string, position: number): Promise<void> {
    await this.prisma.planStep.update({ where: { planId_position: { planId, position } }, data: { status: 'pending' } });
  }

  /** `kind\u0000origin id` → target id, for copies from `origin` into `target`. */
  async mappings(originWorkspaceId: string, targetWorkspaceId: string): Promise<Map<string, string>> {
    const rows = await this.prisma.idMapping.findMany({ where: { originWorkspaceId, targetWorkspaceId } });
    return new Map(rows.map((r) => [resourceKey(r.kind, r.originId), r.targetId]));
  }

  async recordMappings(
    originWorkspaceId: string,
    targetWorkspaceId: string,
    planId: string,
    entries: Array<{ kind: string; originId: string; targetId: string }>,
  ): Promise<void> {
    for (let i = 0; i < entries.length; i += 1000) {
      const batch = entries.slice(i, i + 1000);
      await this.prisma.$executeRawUnsafe(
        `INSERT INTO id_mapping (origin_workspace_id, kind, origin_id, target_workspace_id, target_id, plan_id, updated_at)
         SELECT $1::uuid, k, o, $2::uuid, t, $3::uuid, now() FROM unnest($4::text[], $5::text[], $6::text[]) AS x(k, o, t)
         ON CONFLICT (origin_workspace_id, kind, origin_id, target_workspace_id) DO UPDATE SET target_id = EXCLUDED.target_id, plan_id = EXCLUDED.plan_id, updated_at = now()`,
        originWorkspaceId,
        targetWorkspaceId,
        planId,
        batch.map((e) => e.kind),
        batch.map((e) => e.originId),
        batch.map((e) => e.targetId),
      );
    }
  }

  /** Settings Segment computes, by catalog entry. */
  async computedSettings(): Promise<Map<string, Set<string>>> {
    const rows = await this.prisma.computedSetting.findMany();
    const out = new Map<string, Set<string>>();
    for (const row of rows) out.set(row.catalogId, new Set([...(out.get(row.catalogId) ?? []), row.setting]));
    return out;
  }

  async learnComputedSettings(planId: string, entries: Array<{ catalogId: string; setting: string }>): Promise<void> {
    if (!entries.length) return;
    await this.prisma.computedSetting.createMany({ data: entries.map((e) => ({ ...e, planId })), skipDuplicates: true });
  }
}
