import { Injectable } from '@nestjs/common';
import { ConflictError, isUuid, NotFoundError, ValidationError } from '@app/core';
import { Workspace } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { isUniqueViolation } from './db-errors';

/** A registered workspace. The token is kept only encrypted (AES-256-GCM, see TokenCipher). */
export interface WorkspaceRecord {
  id: string;
  name: string;
  provider: string;
  baseUrl: string;
  /** `us` or `eu` when the base URL is a region's; null for an explicit base URL. */
  region: string | null;
  /** Null once the workspace is archived. */
  tokenCiphertext: Uint8Array | null;
  tokenKeyId: string | null;
  tokenFingerprint: string | null;
  schedule: string;
  timezone: string;
  scheduleEnabled: boolean;
  /** Null: SEGMENT_RATE_LIMIT_PER_MINUTE applies. */
  rateLimitPerMinute: number | null;
  retentionDays: number | null;
  segmentWorkspaceId: string | null;
  segmentSlug: string | null;
  /** The simulator instance the workspace was first read from (null for Segment itself). */
  simulatorInstanceId: string | null;
  /** The version of its event stream (the latest snapshot's, once one completed). */
  streamVersion: number;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const toWorkspaceRecord = (row: Workspace): WorkspaceRecord => ({
  id: row.id,
  name: row.name,
  provider: row.provider,
  baseUrl: row.baseUrl,
  region: row.region,
  tokenCiphertext: row.tokenCiphertext,
  tokenKeyId: row.tokenKeyId,
  tokenFingerprint: row.tokenFingerprint,
  schedule: row.schedule,
  timezone: row.timezone,
  scheduleEnabled: row.scheduleEnabled,
  rateLimitPerMinute: row.rateLimitPerMinute,
  retentionDays: row.retentionDays,
  segmentWorkspaceId: row.segmentWorkspaceId,
  segmentSlug: row.segmentSlug,
  simulatorInstanceId: row.simulatorInstanceId,
  streamVersion: row.streamVersion,
  archivedAt: row.archivedAt,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** What an update may change; an absent field is left as it is. */
export interface WorkspaceChanges {
  name?: string;
  baseUrl?: string;
  region?: string | null;
  tokenCiphertext?: Buffer;
  tokenKeyId?: string;
  tokenFingerprint?: string;
  schedule?: string;
  timezone?: string;
  scheduleEnabled?: boolean;
  rateLimitPerMinute?: number | null;
  retentionDays?: number | null;
}

export interface NewWorkspace {
  id: string;
  name: string;
  baseUrl: string;
  region: string | null;
  tokenCiphertext: Buffer;
  tokenKeyId: string;
  tokenFingerprint: string;
  schedule: string;
  timezone: string;
  scheduleEnabled: boolean;
  rateLimitPerMinute: number | null;
  retentionDays: number | null;
}

@Injectable()
export class WorkspaceRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(input: NewWorkspace): Promise<WorkspaceRecord> {
    try {
      return toWorkspaceRecord(
        await this.prisma.workspace.create({ data: { ...input, tokenCiphertext: new Uint8Array(input.tokenCiphertext) } }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A workspace named '${input.name}' is already registered`, { field: 'name' });
      throw error;
    }
  }

  /** Active workspaces (archived ones are listed only when asked). */
  /** `ids`: only these (a key scoped to some workspaces lists only those). */
  async list(
    options: { includeArchived?: boolean; take?: number; afterId?: string; ids?: readonly string[] } = {},
  ): Promise<WorkspaceRecord[]> {
    const rows = await this.prisma.workspace.findMany({
      where: { ...(options.includeArchived ? {} : { archivedAt: null }), ...(options.ids ? { id: { in: [...options.ids] } } : {}) },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: options.take,
      ...(options.afterId ? { cursor: { id: options.afterId }, skip: 1 } : {}),
    });
    return rows.map(toWorkspaceRecord);
  }

  async find(id: string): Promise<WorkspaceRecord | null> {
    const row = await this.prisma.workspace.findUnique({ where: { id } });
    return row && toWorkspaceRecord(row);
  }

  async get(id: string, options: { allowArchived?: boolean } = {}): Promise<WorkspaceRecord> {
    const workspace = await this.find(id);
    if (!workspace || (workspace.archivedAt && !options.allowArchived))
      throw new NotFoundError(`No workspace '${id}'`, { workspaceId: id });
    return workspace;
  }

  /**
   * A workspace named by the caller either way: its id (archived ones too, their history stays
   * readable) or the name of an active one. An unknown name is a 400 naming `field`.
   */
  async byIdOrName(ref: string, field: string): Promise<WorkspaceRecord> {
    if (isUuid(ref)) return this.get(ref, { allowArchived: true });
    const named = await this.prisma.workspace.findFirst({ where: { name: ref, archivedAt: null } });
    if (!named) throw new ValidationError(field, `${field}: no active workspace named '${ref}'`);
    return toWorkspaceRecord(named);
  }

  async update(id: string, changes: WorkspaceChanges): Promise<WorkspaceRecord> {
    const { tokenCiphertext, ...rest } = changes;
    const data = tokenCiphertext === undefined ? rest : { ...rest, tokenCiphertext: new Uint8Array(tokenCiphertext) };
    try {
      return toWorkspaceRecord(await this.prisma.workspace.update({ where: { id }, data }));
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A workspace with that name is already registered`, { field: 'name' });
      throw error;
    }
  }

  count(): Promise<number> {
    return this.prisma.workspace.count({ where: { archivedAt: null } });
  }

  /** Archives: history stays readable, the token is erased, schedules stop. */
  async archive(id: string): Promise<WorkspaceRecord> {
    const row = await this.prisma.workspace.update({
      where: { id },
      data: { archivedAt: new Date(), tokenCiphertext: null, tokenKeyId: null, scheduleEnabled: false },
    });
    return toWorkspaceRecord(row);
  }

  /** Deletes the workspace with its whole history, its plans and the id mappings that name it. */
  async purge(id: string): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.idMapping.deleteMany({ where: { OR: [{ originWorkspaceId: id }, { targetWorkspaceId: id }] } }),
      this.prisma.workspace.delete({ where: { id } }),
    ]);
  }

  async recordSegmentIdentity(id: string, segmentWorkspaceId: string, segmentSlug: string): Promise<WorkspaceRecord> {
    return toWorkspaceRecord(await this.prisma.workspace.update({ where: { id }, data: { segmentWorkspaceId, segmentSlug } }));
  }

  async recordSimulatorInstance(id: string, simulatorInstanceId: string): Promise<WorkspaceRecord> {
    return toWorkspaceRecord(await this.prisma.workspace.update({ where: { id }, data: { simulatorInstanceId } }));
  }
}
