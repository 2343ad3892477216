import { DynamicModule, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { ScheduleModule } from '@nestjs/schedule';
import { ProcessConfig } from '@app/config';
import { processModules } from '@app/application';
import { LoggingModule, MetricsModule } from '@app/observability';
import { SegmentTrafficMetrics } from './observability/segment-traffic';
import { WorkerHttp } from './observability/worker-http';
import { NotificationsWorkerModule } from './notifications/notifications-worker.module';
import { JobReconciler } from './reconcile/job-reconciler';
import { MissedBackupCheck } from './missed-backups/missed-backup.check';
import { ChangeRulesEvaluator } from './rules/change-rules.evaluator';
import { SnapshotSchedule } from './schedules/snapshot.schedule';
import { SegmentConnectionFactory } from './segment/segment-connection.factory';
import { SnapshotWorker } from './snapshots/snapshot.worker';
import { TakeSnapshotService } from './snapshots/take-snapshot.service';
import { ApplyService } from './plans/apply-plan/apply.service';
import { StepRunner } from './plans/apply-plan/step-runner';
import { UncertainCreates } from './plans/apply-plan/uncertain-creates';
import { CatalogProbe } from './plans/make-plan/catalog-probe';
import { PlanningService } from './plans/make-plan/planning.service';
import { PlanWorker } from './plans/plan.worker';
import { ConflictCheck } from './plans/shared/conflict-check';
import { FreshSnapshotStep } from './plans/shared/fresh-snapshot-step';
import { PlanStates } from './plans/shared/plan-states';
import { SnapshotRunner } from './plans/shared/snapshot-runner';
import { Verifier } from './plans/verify-plan/verifier';

/** The worker process: BullMQ processors and the schedule that feeds them; HTTP only for metrics and health. */
@Module({})
export class WorkerModule {
  static register(config: ProcessConfig | NodeJS.ProcessEnv = process.env, logDestination?: DestinationStream): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ...processModules(config),
        NotificationsWorkerModule,
        ScheduleModule.forRoot(),
        LoggingModule.forProcess('worker', logDestination),
        MetricsModule.forProcess('worker'),
      ],
      providers: [
        SegmentConnectionFactory,
        TakeSnapshotService,
        ChangeRulesEvaluator,
        SnapshotWorker,
        SnapshotSchedule,
        SnapshotRunner,
        FreshSnapshotStep,
        PlanStates,
        PlanningService,
        ConflictCheck,
        CatalogProbe,
        Verifier,
        StepRunner,
        UncertainCreates,
        ApplyService,
        PlanWorker,
        SegmentTrafficMetrics,
        WorkerHttp,
        JobReconciler,
        MissedBackupCheck,
      ],
      exports: [TakeSnapshotService, SnapshotSchedule, PlanningService, ApplyService, JobReconciler, MissedBackupCheck],
    };
  }
}
