import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApiKey } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';

export type ApiKeyRecord = ApiKey;
export type ApiRole = 'admin' | 'operator' | 'viewer';
export const API_ROLES: readonly ApiRole[] = ['admin', 'operator', 'viewer'];

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
    const record = await this.prisma.apiKey.create({ data: { name, role, prefix: key.slice(0, 12), hash: hashApiKey(key) } });
    return { record, key };
  }

  findActive(key: string): Promise<ApiKeyRecord | null> {
    return this.prisma.apiKey.findFirst({ where: { hash: hashApiKey(key), revokedAt: null } });
  }

  findByHash(hash: string): Promise<ApiKeyRecord | null> {
    return this.prisma.apiKey.findUnique({ where: { hash } });
  }

  countActive(): Promise<number> {
    return this.prisma.apiKey.count({ where: { revokedAt: null } });
  }

  list(): Promise<ApiKeyRecord[]> {
    return this.prisma.apiKey.findMany({ orderBy: { createdAt: 'asc' } });
  }

  revoke(id: string): Promise<unknown> {
    return this.prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  }

  async touch(id: string): Promise<void> {
    await this.prisma.apiKey.updateMany({ where: { id }, data: { lastUsedAt: new Date() } });
  }
}
