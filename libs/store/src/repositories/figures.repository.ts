import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';

export interface LastSuccess {
  workspace: string;
  finishedAt: Date;
}

export interface KindCount {
  workspace: string;
  kind: string;
  count: number;
}

/**
 * Figures read at scrape time, from the database that every process shares: they are right
 * whichever process answers, and after a restart (a counter kept in memory would start at zero).
 */
@Injectable()
export class FiguresRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The last completed snapshot of each active workspace (workspaces never snapshotted are left out). */
  async lastSuccessfulSnapshots(): Promise<LastSuccess[]> {
    const rows = await this.prisma.$queryRawUnsafe<Array<{ workspace: string; finished_at: Date }>>(
      `SELECT w.name AS workspace, max(s.finished_at) AS finished_at
         FROM workspace w JOIN snapshot s ON s.workspace_id = w.id
        WHERE w.archived_at IS NULL AND s.status = 'completed' AND s.finished_at IS NOT NULL
        GROUP BY w.name`,
    );
    return rows.map((r) => ({ workspace: r.workspace, finishedAt: r.finished_at }));
  }

  /** Resources each active workspace holds now, by kind. */
  async resourceCounts(): Promise<KindCount[]> {
    const rows = await this.prisma.$queryRawUnsafe<Array<{ workspace: string; kind: string; count: bigint }>>(
      `SELECT w.name AS workspace, h.kind, count(*) AS count
         FROM workspace w JOIN resource_head h ON h.workspace_id = w.id
        WHERE w.archived_at IS NULL
        GROUP BY w.name, h.kind`,
    );
    return rows.map((r) => ({ workspace: r.workspace, kind: r.kind, count: Number(r.count) }));
  }
}
