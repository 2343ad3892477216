import { Inject, Injectable } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { Redis } from 'ioredis';
import { RedisConfig, WorkerConfig } from '@app/config';
import { PlanRequester, REDIS, SnapshotQueue, snapshotJobId } from '@app/jobs';
import { PlanRecord, PlanRepository, SnapshotRecord, SnapshotRepository } from '@app/store';
import { PeriodicRound } from '../queue/periodic-round';
import { planRepair, Repair, snapshotRepair } from './repairs';

export interface ReconcileReport {
  requeued: string[];
  failed: string[];
}

/**
 * Every RECONCILE_INTERVAL_MS, one worker (a Redis lock elects it; the others skip that round)
 * finds snapshots and plans that wait for a job Redis no longer has, or for a job that ended
 * without settling them, and queues their job again or fails them with the reason. Rows moved
 * less than two intervals ago are left alone: their job may be on its way.
 */
@Injectable()
export class JobReconciler extends PeriodicRound<ReconcileReport> {
  constructor(
    private readonly snapshots: SnapshotRepository,
    private readonly plans: PlanRepository,
    private readonly snapshotQueue: SnapshotQueue,
    private readonly planJobs: PlanRequester,
    registry: SchedulerRegistry,
    private readonly config: WorkerConfig,
    @Inject(REDIS) redis: Redis,
    redisConfig: RedisConfig,
  ) {
    super('job-reconciler', registry, config.reconcileIntervalMs, { redis, prefix: redisConfig.prefix });
  }

  protected round(now: Date): Promise<ReconcileReport> {
    return this.reconcile(now);
  }

  async reconcile(now = new Date()): Promise<ReconcileReport> {
    const before = new Date(now.getTime() - 2 * this.config.reconcileIntervalMs);
    const report: ReconcileReport = { requeued: [], failed: [] };
    for (const snapshot of await this.snapshots.unsettled(before)) {
      const liveness = snapshot.jobId ? await this.snapshotQueue.liveness(snapshot.jobId) : 'none';
      await this.repairSnapshot(snapshot, snapshotRepair(snapshot, liveness), report);
    }
    for (const plan of await this.plans.unsettled(before)) {
      const phase = plan.status === 'planning' ? 'make' : 'apply';
      await this.repairPlan(plan, phase, planRepair(plan, await this.planJobs.liveness(phase, plan.id)), report);
    }
    return report;
  }

  private async repairSnapshot(snapshot: SnapshotRecord, repair: Repair, report: ReconcileReport): Promise<void> {
    if (repair.action === 'keep') return;
    if (repair.action === 'fail') {
      await this.snapshots.cancel(snapshot.id, repair.reason);
      report.failed.push(snapshot.id);
      this.logger.warn(`Snapshot ${snapshot.id} failed: ${repair.reason}`);
      return;
    }
    const jobId = snapshot.jobId ?? snapshotJobId(snapshot.workspaceId, snapshot);
    await this.snapshotQueue.add({ workspaceId: snapshot.workspaceId, snapshotId: snapshot.id }, jobId);
    if (!snapshot.jobId) await this.snapshots.setJobId(snapshot.id, jobId);
    report.requeued.push(snapshot.id);
    this.logger.warn(`Snapshot ${snapshot.id} (${snapshot.status}) had lost its job ${jobId}: queued again`);
  }

  private async repairPlan(plan: PlanRecord, phase: 'make' | 'apply', repair: Repair, report: ReconcileReport): Promise<void> {
    if (repair.action === 'keep') return;
    if (repair.action === 'fail') {
      const moved = await this.plans.transition(plan.id, [plan.status], repair.status, { error: repair.reason, finishedAt: new Date() });
      if (moved) report.failed.push(plan.id);
      this.logger.warn(`Plan ${plan.id} ${repair.status}: ${repair.reason}`);
      return;
    }
    await (phase === 'make' ? this.planJobs.plan(plan.id) : this.planJobs.apply(plan.id));
    report.requeued.push(plan.id);
    this.logger.warn(`Plan ${plan.id} (${plan.status}) had lost its ${phase}-plan job: queued again`);
  }
}
