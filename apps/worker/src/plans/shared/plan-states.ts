import { Inject, Injectable } from '@nestjs/common';
import { KIND_CATALOG, KindCatalog, PlanOptions, WorkspaceState, substitutionTransform, SuppliedSecret } from '@app/core';
import { PlanRecord, PlanRepository, SnapshotRecord, StateReader, TokenCipher, WorkspaceRepository } from '@app/store';

/** Reads the two sides of a plan and turns its stored options into the planner's. */
@Injectable()
export class PlanStates {
  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly states: StateReader,
    private readonly plans: PlanRepository,
    private readonly cipher: TokenCipher,
    @Inject(KIND_CATALOG) private readonly catalog: KindCatalog,
  ) {}

  /** The state a plan brings the target to: the source workspace at the plan's source version. */
  async source(plan: PlanRecord): Promise<WorkspaceState> {
    return this.side(plan.sourceWorkspaceId, plan.sourceVersion);
  }

  /** The target workspace as a snapshot saw it. */
  async live(plan: PlanRecord, version: number): Promise<WorkspaceState> {
    return this.side(plan.targetWorkspaceId, version);
  }

  async side(workspaceId: string, version: number): Promise<WorkspaceState> {
    const workspace = await this.workspaces.get(workspaceId, { allowArchived: true });
    const point = await this.states.resolve(workspace, { version });
    const state = await this.states.loadAll(await this.states.stateAt(workspace, point));
    return { workspaceSlug: workspace.segmentSlug ?? '', resources: state.resources };
  }

  async options(plan: PlanRecord, snapshot: SnapshotRecord, extraMappings?: ReadonlyMap<string, string>): Promise<PlanOptions> {
    const stored = plan.options;
    const unavailable = new Map(
      snapshot.unavailableKinds.map(
        (kind) =>
          [
            kind,
            this.catalog.has(kind) && this.catalog.get(kind).feature
              ? `it lacks the ${this.catalog.get(kind).feature} feature`
              : 'Segment refused to list them',
          ] as const,
      ),
    );
    const mappings = new Map([...(await this.plans.mappings(plan.sourceWorkspaceId, plan.targetWorkspaceId)), ...(extraMappings ?? [])]);
    return {
      mode: plan.type === 'copy' ? 'copy' : 'restore',
      allowDelete: !!stored.allowDelete,
      deleteUnmapped: !!stored.deleteUnmapped,
      scope: stored.scope,
      secrets: this.secrets(plan),
      mappings,
      unavailableKinds: unavailable,
      computedSettings: await this.plans.computedSettings(),
      ...(stored.substitutions?.length ? { transform: substitutionTransform(stored.substitutions) } : {}),
    };
  }

  /** Secrets supplied with the request, decrypted only here, in the worker. */
  secrets(plan: PlanRecord): SuppliedSecret[] {
    if (!plan.secretsCiphertext || !plan.secretsKeyId) return [];
    const text = this.cipher.decrypt({ ciphertext: Buffer.from(plan.secretsCiphertext), keyId: plan.secretsKeyId }, `plan:${plan.id}`);
    return JSON.parse(text) as SuppliedSecret[];
  }
}
