import { Inject, Injectable, Logger } from '@nestjs/common';
import { Notifier } from '@app/application';
import {
  ChangeRule,
  evaluateRules,
  EventType,
  JsonObject,
  KIND_CATALOG,
  KindCatalog,
  Resource,
  ResourceChange,
  SnapshotChange,
} from '@app/core';
import { HistoryRepository, NotificationRuleRepository } from '@app/store';

/** What one completed snapshot recorded: the changes, the bodies it wrote, what it observed. */
export interface CompletedSnapshot {
  workspace: { id: string; name: string };
  snapshotId: string;
  workspaceSlug: string;
  changes: readonly ResourceChange[];
  /** New bodies by hash (created and updated resources). */
  bodies: ReadonlyMap<string, JsonObject>;
  observed: readonly Resource[];
  /** The workspace's first snapshot (nothing was known before): it records what exists, it changes nothing. */
  baseline: boolean;
  at: Date;
}

/**
 * Evaluates a workspace's enabled change rules on a completed snapshot and notifies `rule.fired`
 * once per rule and snapshot (the dedup key says so: a retried job notifies nothing new). A
 * snapshot that changed nothing, and a workspace's first (everything "created"), are not looked at.
 */
@Injectable()
export class ChangeRulesEvaluator {
  private readonly logger = new Logger(ChangeRulesEvaluator.name);

  constructor(
    private readonly rules: NotificationRuleRepository,
    private readonly history: HistoryRepository,
    private readonly notifier: Notifier,
    @Inject(KIND_CATALOG) private readonly catalog: KindCatalog,
  ) {}

  /** Never throws: the snapshot is recorded already, a rule that cannot be evaluated is logged. */
  async afterSnapshot(snapshot: CompletedSnapshot): Promise<number> {
    if (!snapshot.changes.length || snapshot.baseline) return 0;
    try {
      return await this.evaluate(snapshot);
    } catch (error) {
      this.logger.error(
        { snapshotId: snapshot.snapshotId, workspaceId: snapshot.workspace.id, err: error },
        `Change rules of snapshot ${snapshot.snapshotId} could not be evaluated: ${error instanceof Error ? error.message : String(error)}`,
      );
      return 0;
    }
  }

  private async evaluate(snapshot: CompletedSnapshot): Promise<number> {
    const records = await this.rules.enabledFor(snapshot.workspace.id);
    if (!records.length) return 0;
    const rules: ChangeRule[] = records.map(({ id, name, type, params }) => ({ id, name, type, params }));
    const previous = await this.history.bodies(
      snapshot.changes.flatMap((c) => (c.type === EventType.ResourceCreated ? [] : [c.previousHash])),
    );
    const changes: SnapshotChange[] = snapshot.changes.map((c) => ({
      type: c.type,
      kind: c.kind,
      resourceId: c.resourceId,
      naturalKey: c.naturalKey,
      before: c.type === EventType.ResourceCreated ? undefined : previous.get(c.previousHash),
      after: c.type === EventType.ResourceDeleted ? undefined : snapshot.bodies.get(c.blobHash),
    }));
    const fired = evaluateRules(this.catalog, { workspaceSlug: snapshot.workspaceSlug, changes, after: snapshot.observed }, rules);
    for (const rule of fired) {
      await this.notifier.notify({
        event: 'rule.fired',
        workspaceId: snapshot.workspace.id,
        workspaceName: snapshot.workspace.name,
        dedupKey: `rule.fired:${rule.ruleId}:${snapshot.snapshotId}`,
        title: `Rule '${rule.name}' fired on workspace '${snapshot.workspace.name}': ${rule.summary}`,
        details: {
          ruleId: rule.ruleId,
          rule: rule.name,
          type: rule.type,
          snapshotId: snapshot.snapshotId,
          summary: rule.summary,
          count: rule.count,
          resources: rule.resources,
        },
        at: snapshot.at,
      });
    }
    if (fired.length) {
      this.logger.log(
        { snapshotId: snapshot.snapshotId, workspaceId: snapshot.workspace.id },
        `Snapshot ${snapshot.snapshotId} fired ${fired.length} change rule(s): ${fired.map((f) => f.name).join(', ')}`,
      );
    }
    return fired.length;
  }
}
