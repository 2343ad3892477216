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

  /** Stores a key (generated unless given) and returns it in clear, this once. */
  async create(name: string, role: ApiRole, key = generateApiKey()): Promise<{ record: ApiKeyRecord; key: string }> {
    const row = await this.prisma.apiKey.create({ data: { name, role, prefix: key.slice(0, 12), hash: hashApiKey(key) } });
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

  /** Revokes an active key; false when there is none with that id. */
  async revoke(id: string): Promise<boolean> {
    const { count } = await this.prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    return count > 0;
  }

  async touch(id: string): Promise<void> {
    await this.prisma.apiKey.updateMany({ where: { id }, data: { lastUsedAt: new Date() } });
  }
}
