import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ApiConfig } from '@app/config';
import { ApiKeyRepository, hashApiKey, isUniqueViolation } from '@app/store';

/**
 * The first admin key: ADMIN_API_KEY when set (stored hashed, once, and restored at every start
 * if its record was revoked: it is the bootstrap key, always valid while configured); otherwise, when no key
 * exists yet, one is generated and printed this once — it is not stored in clear anywhere.
 */
@Injectable()
export class AdminKeyBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('ApiKeys');

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly config: ApiConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      if (this.config.adminApiKey) {
        const hash = hashApiKey(this.config.adminApiKey);
        const existing = await this.keys.findByHash(hash);
        if (!existing) {
          await this.keys.create('admin (ADMIN_API_KEY)', 'admin', { key: this.config.adminApiKey });
          this.logger.log('Registered the admin key from ADMIN_API_KEY');
        } else if (existing.revokedAt || existing.role !== 'admin' || existing.workspaces) {
          await this.keys.restoreAdmin(hash);
          this.logger.warn('The record of ADMIN_API_KEY was revoked or narrowed; it is an admin key for every workspace again');
        }
        return;
      }
      if ((await this.keys.countActive()) > 0) return;
      const { key } = await this.keys.create('admin (generated at first start)', 'admin');
      // the key goes to the terminal once, never through the log pipeline (collectors keep logs)
      this.logger.warn('No API key existed, so an admin key was generated; it is printed once on standard output');
      process.stdout.write(`\nAdmin API key (shown only now; keep it):\n\n    ${key}\n\n`);
    } catch (error) {
      // Another API replica registered the same key at the same moment.
      if (!isUniqueViolation(error)) throw error;
    }
  }
}
