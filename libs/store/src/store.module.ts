import { Global, Module } from '@nestjs/common';
import { TokenCipherProvider } from './crypto/token-cipher.provider';
import { PrismaService } from './prisma.service';
import { ApiKeyRepository } from './repositories/api-key.repository';
import { EventStore } from './repositories/event-store';
import { ResourceRepository } from './repositories/resource.repository';
import { SnapshotRepository } from './repositories/snapshot.repository';
import { WorkspaceRepository } from './repositories/workspace.repository';

const PROVIDERS = [PrismaService, EventStore, WorkspaceRepository, SnapshotRepository, ResourceRepository, ApiKeyRepository, TokenCipherProvider];

@Global()
@Module({ providers: PROVIDERS, exports: PROVIDERS })
export class StoreModule {}
