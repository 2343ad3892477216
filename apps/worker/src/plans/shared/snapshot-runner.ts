import { Injectable } from '@nestjs/common';
import { IllegalStateError } from '@app/core';
import { SnapshotRecord, SnapshotRepository, SnapshotTrigger } from '@app/store';
import { TakeSnapshotService, WorkspaceBusyError } from '../../snapshots/take-snapshot.service';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface FreshSnapshot {
  trigger: SnapshotTrigger;
  cause?: 'snapshot' | 'restore' | 'copy';
  causeId?: string;
  /** How long to wait for another worker's snapshot of the workspace. */
  timeoutMs?: number;
}

/**
 * A completed snapshot that started after this call: what planning, the pre-apply check and
 * verification read. It runs in this job (a queued one is taken over), or waits for the one
 * another worker is running and then takes its own.
 */
@Injectable()
export class SnapshotRunner {
  constructor(
    private readonly snapshots: SnapshotRepository,
    private readonly take: TakeSnapshotService,
  ) {}

  async fresh(workspaceId: string, options: FreshSnapshot): Promise<SnapshotRecord> {
    const since = new Date();
    const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
    for (;;) {
      if (Date.now() > deadline)
        throw new IllegalStateError(`no snapshot of workspace ${workspaceId} could be taken in time: another one kept it busy`);
      const { snapshot } = await this.snapshots.request({
        workspaceId,
        trigger: options.trigger,
        cause: options.cause,
        causeId: options.causeId,
      });
      // A snapshot that was already running when we asked may have read too early.
      const startedBefore = snapshot.status === 'running' && snapshot.startedAt !== null && snapshot.startedAt < since;
      if (!startedBefore) {
        try {
          await this.take.run(workspaceId, snapshot.id);
        } catch (error) {
          if (!(error instanceof WorkspaceBusyError)) throw error;
        }
      }
      const done = await this.snapshots.find(snapshot.id);
      // the changes a restore made must be recorded as caused by it: a joined scheduled
      // snapshot is run, then ours is asked for again
      const ours = !options.causeId || done?.causeId === options.causeId;
      const finished = done?.status === 'completed' || done?.status === 'failed';
      if (finished && ours && done.startedAt && done.startedAt >= since) return done;
      await sleep(250);
    }
  }
}
