import { CatalogModule } from '@app/catalog';
import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AppConfigModule, ProcessConfig } from '@app/config';
import { JobsModule } from '@app/jobs';
import { StoreModule } from '@app/store';
import { SnapshotSchedule } from './schedules/snapshot.schedule';
import { SegmentConnectionFactory } from './segment/segment-connection.factory';
import { SnapshotWorker } from './snapshots/snapshot.worker';
import { TakeSnapshotService } from './snapshots/take-snapshot.service';
import { ApplyService } from './plans/apply.service';
import { ConflictCheck } from './plans/conflict-check';
import { CatalogProbe } from './plans/catalog-probe';
import { PlanStates } from './plans/plan-states';
import { PlanWorker } from './plans/plan.worker';
import { PlanningService } from './plans/planning.service';
import { SnapshotRunner } from './plans/snapshot-runner';
import { Verifier } from './plans/verifier';

/** The worker process: BullMQ processors and the schedule that feeds them. No HTTP. */
@Module({})
export class WorkerModule {
  static register(config: ProcessConfig | NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: WorkerModule,
      imports: [AppConfigModule.forRoot(config), CatalogModule, StoreModule, JobsModule, ScheduleModule.forRoot()],
      providers: [
        SegmentConnectionFactory,
        TakeSnapshotService,
        SnapshotWorker,
        SnapshotSchedule,
        SnapshotRunner,
        PlanStates,
        PlanningService,
        ConflictCheck,
        CatalogProbe,
        Verifier,
        ApplyService,
        PlanWorker,
      ],
      exports: [TakeSnapshotService, SnapshotSchedule, PlanningService, ApplyService],
    };
  }
}
