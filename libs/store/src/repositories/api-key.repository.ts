import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApiKey } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';

export type ApiRole = 'admin' | 'operator' | 'viewer';
export const API_ROLES: readonly ApiRole[] = ['admin', 'operator', 'viewer'];

/** An API key as stored: its hash and first characters, never the key itself. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  role: ApiRole;
  /** The first 12 characters, to recognise a key. */
  prefix: string;
  hash: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  /** The workspaces (ids) a scoped key may touch; null for a key that may touch all. */
  workspaces: string[] | null;
}

const toApiKeyRecord = (row: ApiKey): ApiKeyRecord => ({
  id: row.id,
  name: row.name,
  role: row.role as ApiRole,
  prefix: row.prefix,
  hash: row.hash,
  createdAt: row.createdAt,
  lastUsedAt: row.lastUsedAt,
  revokedAt: row.revokedAt,
  workspaces: row.scoped ? row.workspaceIds : null,
});

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A new key: `sbk_` and 40 random characters (about 238 bits). */
export function generateApiKey(): string {
  const bytes = randomBytes(40);
  return 'sbk_' + [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** Keys are random and long, so one round of SHA-256 is enough to store them safely. */
export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Stores a key (generated unless given) and returns it in clear, this once; `workspaces` scopes it. */
  async create(
    name: string,
    role: ApiRole,
    options: { key?: string; workspaces?: string[] } = {},
  ): Promise<{ record: ApiKeyRecord; key: string }> {
    const key = options.key ?? generateApiKey();
    const scope = options.workspaces ? { scoped: true, workspaceIds: options.workspaces } : {};
    const row = await this.prisma.apiKey.create({ data: { name, role, prefix: key.slice(0, 12), hash: hashApiKey(key), ...scope } });
    return { record: toApiKeyRecord(row), key };
  }

  async findActive(key: string): Promise<ApiKeyRecord | null> {
    const row = await this.prisma.apiKey.findFirst({ where: { hash: hashApiKey(key), revokedAt: null } });
    return row && toApiKeyRecord(row);
  }

  async findByHash(hash: string): Promise<ApiKeyRecord | null> {
    const row = await this.prisma.apiKey.findUnique({ where: { hash } });
    return row && toApiKeyRecord(row);
  }

  countActive(): Promise<number> {
    return this.prisma.apiKey.count({ where: { revokedAt: null } });
  }

  async list(): Promise<ApiKeyRecord[]> {
    return (await this.prisma.apiKey.findMany({ orderBy: { createdAt: 'asc' } })).map(toApiKeyRecord);
  }

  async find(id: string): Promise<ApiKeyRecord | null> {
    const row = await this.prisma.apiKey.findUnique({ where: { id } });
    return row && toApiKeyRecord(row);
  }

  /**
   * Revokes an active key, unless it is the last active admin key that may touch every
   * workspace (without one, nobody could manage keys): the active admin rows are locked first,
   * so two revocations at once cannot both pass.
   */
  async revokeUnlessLastAdmin(id: string): Promise<'revoked' | 'not-found' | 'last-admin'> {
    return this.prisma.$transaction(async (tx) => {
      const admins = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT id::text AS id FROM api_key WHERE role = 'admin' AND revoked_at IS NULL AND scoped = false FOR UPDATE`;
      const row = await tx.apiKey.findFirst({ where: { id, revokedAt: null } });
      if (!row) return 'not-found';
      if (row.role === 'admin' && !row.scoped && admins.every((admin) => admin.id === id)) return 'last-admin';
      await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
      return 'revoked';
    });
  }

  /** Makes the bootstrap key (ADMIN_API_KEY) an active admin key for every workspace again. */
  async restoreAdmin(hash: string): Promise<void> {
    await this.prisma.apiKey.updateMany({ where: { hash }, data: { revokedAt: null, role: 'admin', scoped: false, workspaceIds: [] } });
  }

  async touch(id: string): Promise<void> {
    await this.prisma.apiKey.updateMany({ where: { id }, data: { lastUsedAt: new Date() } });
  }
}
