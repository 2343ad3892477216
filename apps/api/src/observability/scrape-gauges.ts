import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import type { Queue } from 'bullmq';
import { NOTIFICATION_QUEUE, PLAN_QUEUE, SNAPSHOT_QUEUE } from '@app/jobs';
import { ProcessMetrics } from '@app/observability';
import { FiguresRepository } from '@app/store';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized', 'waiting-children'] as const;

/** A gauge whose source is down is left empty for this scrape; the process metrics still answer. */
async function orNothing<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch {
    return undefined;
  }
}

/**
 * Gauges the API computes when scraped, from Postgres and Redis: the same answer from every API
 * replica, and right after any restart. Registered once per process on its ProcessMetrics.
 */
@Injectable()
export class ScrapeGauges {
  constructor(
    metrics: ProcessMetrics,
    figures: FiguresRepository,
    @InjectQueue(SNAPSHOT_QUEUE) snapshots: Queue,
    @InjectQueue(PLAN_QUEUE) plans: Queue,
    @InjectQueue(NOTIFICATION_QUEUE) notifications: Queue,
  ) {
    const registers = [metrics.registry];
    new Gauge({
      name: 'segment_backup_last_successful_snapshot_timestamp_seconds',
      help: 'When the last completed snapshot of each workspace finished (Unix time): alert on time() minus this.',
      labelNames: ['workspace'],
      registers,
      async collect() {
        this.reset();
        const rows = await orNothing(() => figures.lastSuccessfulSnapshots());
        for (const row of rows ?? []) this.set({ workspace: row.workspace }, row.finishedAt.getTime() / 1000);
      },
    });
    new Gauge({
      name: 'segment_backup_resources',
      help: 'Resources each workspace holds at its latest snapshot, by kind.',
      labelNames: ['workspace', 'kind'],
      registers,
      async collect() {
        this.reset();
        const rows = await orNothing(() => figures.resourceCounts());
        for (const row of rows ?? []) this.set({ workspace: row.workspace, kind: row.kind }, row.count);
      },
    });
    new Gauge({
      name: 'segment_backup_queue_jobs',
      help: 'Jobs in each queue, by state (waiting, active, delayed, failed, ...).',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        for (const queue of [snapshots, plans, notifications]) {
          const counts = await orNothing(() => queue.getJobCounts(...JOB_STATES));
          if (!counts) continue;
          for (const state of JOB_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
  }
}
