import { Injectable } from '@nestjs/common';
import { ApiConfig } from '@app/config';
import { ConflictError, NotFoundError, ValidationError } from '@app/core';
import { ApiKeyRecord, ApiKeyRepository, ApiRole, hashApiKey, WorkspaceRepository } from '@app/store';

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly workspaces: WorkspaceRepository,
    private readonly config: ApiConfig,
  ) {}

  /**
   * A new key, in clear this once; only its hash is kept. `workspaces` (ids or names) limits it
   * to those workspaces; each must exist (400 naming `workspaces[i]`).
   */
  async create(name: string, role: ApiRole, workspaces?: string[]): Promise<{ record: ApiKeyRecord; key: string }> {
    if (workspaces === undefined) return this.keys.create(name, role);
    if (workspaces.length === 0)
      throw new ValidationError('workspaces', 'workspaces must name at least one workspace; leave it out for all');
    const ids: string[] = [];
    for (const [index, ref] of workspaces.entries()) ids.push((await this.workspaces.byIdOrName(ref, `workspaces[${index}]`)).id);
    return this.keys.create(name, role, { workspaces: [...new Set(ids)] });
  }

  list(): Promise<ApiKeyRecord[]> {
    return this.keys.list();
  }

  /**
   * Revokes a key (404 when none is active with that id). Refused (409) for the last active admin
   * key for all workspaces, and for ADMIN_API_KEY's record: that key stays valid while it is
   * configured (unset or change ADMIN_API_KEY to retire it).
   */
  async revoke(id: string): Promise<void> {
    const record = await this.keys.find(id);
    if (record && !record.revokedAt && this.config.adminApiKey && record.hash === hashApiKey(this.config.adminApiKey)) {
      throw new ConflictError(
        'This is the key of ADMIN_API_KEY, valid while it is configured: change or unset ADMIN_API_KEY to retire it',
        {
          id,
        },
      );
    }
    const outcome = await this.keys.revokeUnlessLastAdmin(id);
    if (outcome === 'not-found') throw new NotFoundError(`No active API key '${id}'`, { id });
    if (outcome === 'last-admin') {
      throw new ConflictError('This is the last active admin key: create another admin key before revoking it', { id });
    }
  }
}
