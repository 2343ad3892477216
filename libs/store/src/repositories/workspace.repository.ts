import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, ValidationError } from '@app/core';
import { Prisma, Workspace } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { isUniqueViolation } from './db-errors';

export type WorkspaceRecord = Workspace;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
      return await this.prisma.workspace.create({ data: { ...input, tokenCiphertext: new Uint8Array(input.tokenCiphertext) } });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A workspace named '${input.name}' is already registered`, { field: 'name' });
      throw error;
    }
  }

  /** Active workspaces (archived ones are listed only when asked). */
  list(options: { includeArchived?: boolean; take?: number; afterId?: string } = {}): Promise<WorkspaceRecord[]> {
    return this.prisma.workspace.findMany({
      where: options.includeArchived ? {} : { archivedAt: null },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: options.take,
      ...(options.afterId ? { cursor: { id: options.afterId }, skip: 1 } : {}),
    });
  }

  find(id: string): Promise<WorkspaceRecord | null> {
    return this.prisma.workspace.findUnique({ where: { id } });
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
    if (UUID.test(ref)) return this.get(ref, { allowArchived: true });
    const named = await this.prisma.workspace.findFirst({ where: { name: ref, archivedAt: null } });
    if (!named) throw new ValidationError(field, `${field}: no active workspace named '${ref}'`);
    return named;
  }

  async update(id: string, data: Prisma.WorkspaceUpdateInput): Promise<WorkspaceRecord> {
    try {
      return await this.prisma.workspace.update({ where: { id }, data });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A workspace with that name is already registered`, { field: 'name' });
      throw error;
    }
  }

  count(): Promise<number> {
    return this.prisma.workspace.count({ where: { archivedAt: null } });
  }

  /** Archives: history stays readable, the token is erased, schedules stop. */
  archive(id: string): Promise<WorkspaceRecord> {
    return this.prisma.workspace.update({
      where: { id },
      data: { archivedAt: new Date(), tokenCiphertext: null, tokenKeyId: null, scheduleEnabled: false },
    });
  }

  /** Deletes a workspace and its whole history (events, heads, snapshots cascade). */
  /** Deletes the workspace with its whole history, its plans and the id mappings that name it. */
  async purge(id: string): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.idMapping.deleteMany({ where: { OR: [{ originWorkspaceId: id }, { targetWorkspaceId: id }] } }),
      this.prisma.workspace.delete({ where: { id } }),
    ]);
  }

  recordSegmentIdentity(id: string, segmentWorkspaceId: string, segmentSlug: string): Promise<WorkspaceRecord> {
    return this.prisma.workspace.update({ where: { id }, data: { segmentWorkspaceId, segmentSlug } });
  }

  recordSimulatorInstance(id: string, simulatorInstanceId: string): Promise<WorkspaceRecord> {
    return this.prisma.workspace.update({ where: { id }, data: { simulatorInstanceId } });
  }
}
