import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ScheduleConfig, SegmentHosts } from '@app/config';
import { ForbiddenError, ValidationError } from '@app/core';
import {
  ApiRole,
  SnapshotRecord,
  SnapshotRepository,
  TokenCipher,
  WorkspaceChanges,
  WorkspaceRecord,
  WorkspaceRepository,
} from '@app/store';
import { decodeCursor, isIdCursor, keysetPage, Page, PageRequest } from '../common/pagination';
import { CreateWorkspaceRequest, UpdateWorkspaceRequest } from './dto/workspace.requests';
import { Region, REGIONS } from './regions';
import { checkScheduleInterval } from './schedule.validators';

/**
 * Where the API lives: an explicit base URL (simulator, proxy) or a region; not both. A base URL
 * must be one of Segment's hosts or an allowed origin (SegmentHosts): the token is sent there.
 */
function endpoint(
  input: { baseUrl?: string; region?: Region },
  hosts: SegmentHosts,
): { baseUrl: string; region: Region | null } | undefined {
  if (input.baseUrl !== undefined && input.region !== undefined) {
    throw new ValidationError('region', 'give either baseUrl or region, not both');
  }
  if (input.baseUrl !== undefined) {
    const refusal = hosts.refusal(input.baseUrl);
    if (refusal) throw new ValidationError('baseUrl', refusal);
    const baseUrl = input.baseUrl.replace(/\/+$/, '');
    return { baseUrl, region: SegmentHosts.regionOf(baseUrl) ?? null };
  }
  if (input.region !== undefined) return { baseUrl: REGIONS[input.region], region: input.region };
  return undefined;
}

@Injectable()
export class WorkspacesService {
  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly snapshots: SnapshotRepository,
    private readonly cipher: TokenCipher,
    private readonly hosts: SegmentHosts,
    private readonly scheduleRules: ScheduleConfig = new ScheduleConfig(),
  ) {}

  async create(input: CreateWorkspaceRequest): Promise<WorkspaceRecord> {
    const id = randomUUID();
    const target = endpoint(input, this.hosts) ?? { baseUrl: REGIONS.us, region: 'us' as Region };
    checkScheduleInterval(input.schedule ?? '0 2 * * *', input.timezone ?? 'UTC', this.scheduleRules.minIntervalMinutes);
    const encrypted = this.cipher.encrypt(input.token, id);
    return this.workspaces.create({
      id,
      name: input.name,
      baseUrl: target.baseUrl,
      region: target.region,
      tokenCiphertext: encrypted.ciphertext,
      tokenKeyId: encrypted.keyId,
      tokenFingerprint: this.cipher.fingerprint(input.token),
      schedule: input.schedule ?? '0 2 * * *',
      timezone: input.timezone ?? 'UTC',
      scheduleEnabled: input.scheduleEnabled ?? true,
      rateLimitPerMinute: input.rateLimitPerMinute ?? null,
      retentionDays: input.retentionDays ?? null,
    });
  }

  /** Registered workspaces, oldest first; archived ones only when asked; `only` these (a scoped key's). */
  async list(request: PageRequest & { includeArchived?: boolean; only?: ReadonlySet<string> }): Promise<Page<WorkspaceRecord>> {
    const after = decodeCursor(request.cursor, isIdCursor);
    const ids = request.only && [...request.only];
    return keysetPage(
      request.limit ?? 50,
      (take) => this.workspaces.list({ includeArchived: request.includeArchived, take, afterId: after?.id, ids }),
      (last) => ({ id: last.id }),
    );
  }

  /** A workspace (archived ones too: their history stays readable) and its last completed snapshot. */
  async get(id: string): Promise<{ workspace: WorkspaceRecord; lastSnapshot: SnapshotRecord | null }> {
    const workspace = await this.workspaces.get(id, { allowArchived: true });
    return { workspace, lastSnapshot: await this.snapshots.lastCompleted(id) };
  }

  /**
   * Moving a workspace (baseUrl or region) decides where its token goes: only an admin may, and
   * only by supplying the token again in the same request.
   */
  async update(id: string, input: UpdateWorkspaceRequest, actor: { role: ApiRole }): Promise<WorkspaceRecord> {
    const current = await this.workspaces.get(id);
    if (input.schedule !== undefined || input.timezone !== undefined)
      checkScheduleInterval(input.schedule ?? current.schedule, input.timezone ?? current.timezone, this.scheduleRules.minIntervalMinutes);
    const target = endpoint(input, this.hosts);
    if (target && (target.baseUrl !== current.baseUrl || target.region !== current.region)) {
      const field = input.baseUrl !== undefined ? 'baseUrl' : 'region';
      if (actor.role !== 'admin') {
        throw new ForbiddenError(`Changing ${field} needs the 'admin' role (the token is sent there)`, { field });
      }
      if (input.token === undefined) {
        throw new ValidationError('token', `changing ${field} needs the token supplied again in the same request`);
      }
    }
    const changes: WorkspaceChanges = { ...target };
    if (input.token !== undefined) {
      const encrypted = this.cipher.encrypt(input.token, id);
      Object.assign(changes, {
        tokenCiphertext: encrypted.ciphertext,
        tokenKeyId: encrypted.keyId,
        tokenFingerprint: this.cipher.fingerprint(input.token),
      });
    }
    for (const field of ['name', 'schedule', 'timezone', 'scheduleEnabled', 'rateLimitPerMinute', 'retentionDays'] as const) {
      // undefined: not sent; null is only allowed for rateLimitPerMinute (back to the default)
      if (input[field] !== undefined) Object.assign(changes, { [field]: input[field] });
    }
    return this.workspaces.update(id, changes);
  }

  /**
   * Deleting is deliberate. By default a workspace is archived: schedules stop, its token is
   * erased, queued snapshots are cancelled, and its history stays readable. Purging removes the
   * workspace and all its history for good, only for an admin, and only when `confirm` repeats its
   * name; the audit log keeps a tombstone of it.
   */
  async remove(
    id: string,
    options: { purge: boolean; confirm?: string; role: ApiRole },
  ): Promise<{ purged: boolean; workspace?: WorkspaceRecord }> {
    if (options.purge && options.role !== 'admin') {
      throw new ForbiddenError("purge=true deletes the workspace's whole history and needs the 'admin' role; an operator may archive it", {
        field: 'purge',
      });
    }
    const workspace = await this.workspaces.get(id, { allowArchived: options.purge });
    if (options.purge) {
      if (options.confirm !== workspace.name) {
        throw new ValidationError(
          'confirm',
          `purging deletes the whole history of '${workspace.name}'; repeat its name in confirm to proceed`,
        );
      }
      await this.workspaces.purge(id);
      return { purged: true };
    }
    const active = await this.snapshots.active(id);
    if (active) await this.snapshots.cancel(active.id, 'the workspace was archived');
    return { purged: false, workspace: await this.workspaces.archive(id) };
  }
}
