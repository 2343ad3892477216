import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ProcessConfig } from '@app/config';
import { processModules } from '@app/application';
import { TokenFingerprintRefresh } from '@app/store';
import { AuditLogController } from './audit/audit-log.controller';
import { AuditLogService } from './audit/audit-log.service';
import { AuditMiddleware } from './audit/audit.middleware';
import { WorkspaceRefResolver } from './auth/workspace-scope';
import { AdminKeyBootstrap } from './auth/admin-key.bootstrap';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeysController } from './auth/api-keys.controller';
import { ApiKeysService } from './auth/api-keys.service';
import { DomainExceptionFilter } from './common/domain-exception.filter';
import { NotificationsApiModule } from './notifications/notifications-api.module';
import { ObservabilityApiModule } from './observability/observability.module';
import { DiffController } from './history/diff.controller';
import { DiffService } from './history/diff.service';
import { ExportController } from './history/export.controller';
import { ExportService } from './history/export.service';
import { ResourceHistoryController } from './history/resource-history.controller';
import { ResourceHistoryService } from './history/resource-history.service';
import { ResourcesController } from './history/resources.controller';
import { ResourcesService } from './history/resources.service';
import { SimulatorWorkspacesBootstrap } from './simulator/simulator-workspaces.bootstrap';
import { SnapshotsController } from './snapshots/snapshots.controller';
import { SnapshotsService } from './snapshots/snapshots.service';
import { WorkspacesController } from './workspaces/workspaces.controller';
import { WorkspacesService } from './workspaces/workspaces.service';
import { PlansController } from './plans/plans.controller';
import { PlansService } from './plans/plans.service';
import { RestoresController } from './plans/restores.controller';
import { CopiesController } from './plans/copies.controller';
import { NotificationRulesController } from './notification-rules/notification-rules.controller';
import { NotificationRulesService } from './notification-rules/notification-rules.service';

/** The HTTP API: thin controllers over services and the libraries; no Segment traffic from this process. */
@Module({})
export class ApiModule implements NestModule {
  /** Every mutating request gets an audit entry (refused ones too: before the guard). */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AuditMiddleware).forRoutes('*');
  }

  /** `config`: what main.ts validated at start; tests pass an environment instead (and may capture the log). */
  static register(config: ProcessConfig | NodeJS.ProcessEnv = process.env, logDestination?: DestinationStream): DynamicModule {
    return {
      module: ApiModule,
      imports: [...processModules(config), ObservabilityApiModule.register(logDestination), NotificationsApiModule],
      controllers: [
        WorkspacesController,
        SnapshotsController,
        ResourcesController,
        ResourceHistoryController,
        DiffController,
        ExportController,
        RestoresController,
        CopiesController,
        PlansController,
        ApiKeysController,
        AuditLogController,
        NotificationRulesController,
      ],
      providers: [
        WorkspacesService,
        SnapshotsService,
        ResourcesService,
        ResourceHistoryService,
        DiffService,
        ExportService,
        PlansService,
        ApiKeysService,
        AuditLogService,
        NotificationRulesService,
        WorkspaceRefResolver,
        AdminKeyBootstrap,
        TokenFingerprintRefresh,
        SimulatorWorkspacesBootstrap,
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: DomainExceptionFilter },
      ],
    };
  }
}
