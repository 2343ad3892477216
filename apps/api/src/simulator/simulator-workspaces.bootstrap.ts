import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { BootstrapConfig, SecurityConfig } from '@app/config';
import { ConflictError } from '@app/core';
import { SnapshotRequester } from '@app/application';
import { WorkspaceRepository } from '@app/store';
import { WorkspacesService } from '../workspaces/workspaces.service';

/** The simulator's seeded workspaces and their tokens (apps/segment-sim). */
export const SIMULATOR_WORKSPACES = [
  { name: 'staging', token: 'sim_staging' },
  { name: 'production', token: 'sim_production' },
];

/**
 * On a fresh machine `npm start` shows the whole product: when no workspace is registered, the
 * simulator's `staging` and `production` are registered and their first snapshots requested.
 * Off in production unless REGISTER_SIMULATOR_WORKSPACES=true.
 */
@Injectable()
export class SimulatorWorkspacesBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    private readonly config: BootstrapConfig,
    private readonly security: SecurityConfig,
    private readonly workspaces: WorkspaceRepository,
    private readonly service: WorkspacesService,
    private readonly requester: SnapshotRequester,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const enabled = this.config.registerSimulatorWorkspaces ?? this.security.environment !== 'production';
    if (!enabled || (await this.workspaces.count()) > 0) return;
    for (const spec of SIMULATOR_WORKSPACES) {
      try {
        const workspace = await this.service.create({ ...spec, baseUrl: this.config.simulatorUrl });
        const { snapshot } = await this.requester.request({ workspaceId: workspace.id, trigger: 'startup' });
        this.logger.log(`Registered simulator workspace '${spec.name}' (${workspace.id}); first snapshot ${snapshot.id} queued`);
      } catch (error) {
        // Another API replica registered it first.
        if (!(error instanceof ConflictError)) throw error;
      }
    }
  }
}
