import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RedisConfig, WorkerConfig } from '@app/config';
import {
  detectChanges,
  DomainError,
  hashAfter,
  JsonObject,
  KIND_CATALOG,
  KindCatalog,
  manifestRoot,
  observeResources,
  resourceKey,
} from '@app/core';
import { REDIS, WorkspaceLock } from '@app/jobs';
import { PaginationLoopError, SegmentApiError, SegmentTransportError, WorkspaceReader } from '@app/segment';
import { EventStore, HistoryRepository, ResourceRepository, SnapshotRecord, SnapshotRepository, WorkspaceRepository } from '@app/store';
import { ChangeRulesEvaluator } from '../rules/change-rules.evaluator';
import { Notices } from '../notifications/notices';
import { SegmentConnectionFactory } from '../segment/segment-connection.factory';
import { checkSimulatorInstance, SimulatorInstanceMismatch } from './simulator-instance';

export type SnapshotOutcome = 'completed' | 'failed' | 'skipped';

/** Another worker holds the workspace: try again later. */
export class WorkspaceBusyError extends Error {}

const isUpstreamFailure = (error: unknown): boolean =>
  error instanceof SegmentApiError || error instanceof SegmentTransportError || error instanceof PaginationLoopError;

/**
 * Takes one snapshot: reads the whole workspace through Segment's API, normalizes and hashes
 * every resource, compares with the heads and appends the changes — or, when the read fails
 * after its retries, records the failure and nothing else (no deletion is ever inferred from an
 * incomplete read). A snapshot already finished is left alone, so a retried job changes nothing.
 */
@Injectable()
export class TakeSnapshotService {
  private readonly logger = new Logger(TakeSnapshotService.name);
  private readonly lock: WorkspaceLock;

  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly snapshots: SnapshotRepository,
    private readonly resources: ResourceRepository,
    private readonly events: EventStore,
    private readonly history: HistoryRepository,
    private readonly connections: SegmentConnectionFactory,
    @Inject(REDIS) redis: Redis,
    redisConfig: RedisConfig,
    workerConfig: WorkerConfig,
    @Inject(KIND_CATALOG) private readonly catalog: KindCatalog,
    private readonly changeRules: ChangeRulesEvaluator,
    private readonly notices: Notices,
  ) {
    this.lock = new WorkspaceLock(redis, redisConfig.prefix, workerConfig.lockMs);
  }

  async run(workspaceId: string, snapshotId: string, onProgress: (progress: object) => void = () => undefined): Promise<SnapshotOutcome> {
    const existing = await this.snapshots.find(snapshotId);
    if (!existing || existing.status === 'completed' || existing.status === 'failed') return 'skipped';
    const workspace = await this.workspaces.find(workspaceId);
    if (!workspace || workspace.archivedAt) {
      await this.snapshots.cancel(snapshotId, 'the workspace was archived or deleted');
      return 'skipped';
    }
    const held = await this.lock.tryAcquire(`snapshot:${workspaceId}`);
    if (!held) throw new WorkspaceBusyError(`another snapshot of workspace ${workspaceId} is running`);
    try {
      const snapshot = await this.snapshots.start(snapshotId);
      if (!snapshot) return 'skipped';
      return await this.capture(workspace.id, snapshot, onProgress);
    } finally {
      await held.release();
    }
  }

  private async capture(workspaceId: string, snapshot: SnapshotRecord, onProgress: (progress: object) => void): Promise<SnapshotOutcome> {
    const workspace = await this.workspaces.get(workspaceId);
    const refused = this.connections.refusal(workspace);
    if (refused) return this.fail(workspace, snapshot, refused, 0);
    const client = this.connections.forWorkspace(workspace);
    const started = Date.now();
    let lastWrite = 0;
    const reader = new WorkspaceReader(client, this.catalog, (progress) => {
      onProgress(progress);
      if (Date.now() - lastWrite > 500) {
        lastWrite = Date.now();
        void this.snapshots.progress(snapshot.id, { ...progress, elapsedMs: Date.now() - started }).catch(() => undefined);
      }
    });
    let read;
    let simulatorInstance: string | undefined;
    try {
      read = await reader.read();
      simulatorInstance = checkSimulatorInstance(workspace.simulatorInstanceId, client.stats.simulatorInstances);
      if (workspace.segmentWorkspaceId && workspace.segmentWorkspaceId !== read.workspace.id) {
        throw new IdentityMismatch(workspace.segmentWorkspaceId, read.workspace.id);
      }
    } catch (error) {
      if (!isUpstreamFailure(error) && !(error instanceof IdentityMismatch) && !(error instanceof SimulatorInstanceMismatch)) throw error;
      const message = error instanceof DomainError || error instanceof Error ? error.message : String(error);
      return this.fail(workspace, snapshot, message, client.stats.requests);
    }
    if (!workspace.segmentWorkspaceId) await this.workspaces.recordSegmentIdentity(workspace.id, read.workspace.id, read.workspace.slug);
    if (simulatorInstance && !workspace.simulatorInstanceId) await this.workspaces.recordSimulatorInstance(workspace.id, simulatorInstance);
    const readMs = Date.now() - started;

    const current = await this.workspaces.get(workspaceId);
    const heads = await this.resources.heads(workspaceId);
    const observed = observeResources(this.catalog, read.workspace.slug, read.items);
    const changeSet = detectChanges(observed, heads, read.readKinds);
    const bodies = new Map<string, JsonObject>();
    const byKey = new Map(observed.map((r) => [resourceKey(r.kind, r.id), r]));
    for (const change of changeSet.changes) {
      const hash = hashAfter(change);
      if (hash) bodies.set(hash, byKey.get(resourceKey(change.kind, change.resourceId))!.body);
    }
    // The state after this snapshot: what was observed, plus what unread kinds still hold.
    const kept = heads.filter((h) => !read.readKinds.has(h.kind));
    const rootHash = manifestRoot([...observed, ...kept]);
    const computeMs = Date.now() - started - readMs;
    const result = await this.events.appendSnapshot({
      workspaceId,
      snapshotId: snapshot.id,
      expectedVersion: current.streamVersion,
      cause: snapshot.cause as 'snapshot',
      causeId: snapshot.causeId ?? undefined,
      observedAt: new Date(),
      changes: changeSet.changes,
      bodies,
      renamedKeys: changeSet.renamedKeys,
      completion: {
        resourceCount: observed.length + kept.length,
        unchanged: changeSet.unchanged,
        rootHash,
        unavailableKinds: read.unavailable,
        requests: client.stats.requests,
        vanished: read.vanished,
        timings: { readMs, computeMs },
      },
    });
    const writeMs = Date.now() - started - readMs - computeMs;
    await this.changeRules.afterSnapshot({
      workspace,
      snapshotId: snapshot.id,
      workspaceSlug: read.workspace.slug,
      changes: changeSet.changes,
      bodies,
      observed,
      baseline: heads.length === 0,
      at: new Date(),
    });
    // what was just observed is what plans and verifications in this process read next
    for (const resource of observed) this.history.blobs.put(resource.hash, resource.body);
    this.logger.log(
      { snapshotId: snapshot.id, workspaceId: workspace.id },
      `Snapshot ${snapshot.id} of '${workspace.name}' at version ${result.version}: +${result.created} ~${result.updated} -${result.deleted}, ` +
        `${observed.length} resources, ${client.stats.requests} requests, ${Date.now() - started} ms (read ${readMs}, compute ${computeMs}, write ${writeMs})`,
    );
    return 'completed';
  }

  /** Records a failed read (the reason, the requests made) and nothing else. */
  private async fail(
    workspace: { id: string; name: string },
    snapshot: SnapshotRecord,
    message: string,
    requests: number,
  ): Promise<SnapshotOutcome> {
    await this.events.appendFailure({
      workspaceId: workspace.id,
      snapshotId: snapshot.id,
      cause: snapshot.cause as 'snapshot',
      causeId: snapshot.causeId ?? undefined,
      error: message,
      requests,
    });
    this.logger.warn(
      { snapshotId: snapshot.id, workspaceId: workspace.id },
      `Snapshot ${snapshot.id} of workspace '${workspace.name}' failed after ${requests} requests: ${message}`,
    );
    await this.notices.snapshotFailed(workspace.id, snapshot, message, requests);
    return 'failed';
  }
}

/** The token now reads a different Segment workspace than the one this history belongs to. */
class IdentityMismatch extends Error {
  constructor(expected: string, actual: string) {
    super(
      `The token now reads Segment workspace ${actual}, but this workspace's history belongs to ${expected}; register it as a new workspace instead.`,
    );
  }
}
