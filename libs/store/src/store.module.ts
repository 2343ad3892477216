import { Global, Module } from '@nestjs/common';
import { TokenCipherProvider } from './crypto/token-cipher.provider';
import { DatabaseHealth } from './database-health';
import { PrismaService } from './prisma.service';
import { ApiKeyRepository } from './repositories/api-key.repository';
import { AuditLogRepository } from './repositories/audit-log.repository';
import { EventStore } from './events/event-store';
import { ResourceRepository } from './repositories/resource.repository';
import { SnapshotRepository } from './repositories/snapshot.repository';
import { WorkspaceRepository } from './repositories/workspace.repository';
import { HistoryRepository } from './repositories/history.repository';
import { StateReader } from './state/state-reader';
import { PlanRepository } from './repositories/plan.repository';
import { FiguresRepository } from './repositories/figures.repository';
import { NotificationEventRepository } from './repositories/notification-event.repository';
import { NotificationRuleRepository } from './repositories/notification-rule.repository';
import { NotificationChannelRepository } from './repositories/notification-channel.repository';
import { NotificationDeliveryRepository } from './repositories/notification-delivery.repository';

const PROVIDERS = [
  PrismaService,
  EventStore,
  WorkspaceRepository,
  SnapshotRepository,
  ResourceRepository,
  ApiKeyRepository,
  AuditLogRepository,
  HistoryRepository,
  StateReader,
  PlanRepository,
  TokenCipherProvider,
  DatabaseHealth,
  FiguresRepository,
  NotificationEventRepository,
  NotificationRuleRepository,
  NotificationChannelRepository,
  NotificationDeliveryRepository,
];

/** Database access for every process. The application provides KIND_CATALOG (libs/segment's entries). */
@Global()
@Module({ providers: PROVIDERS, exports: PROVIDERS })
export class StoreModule {}
