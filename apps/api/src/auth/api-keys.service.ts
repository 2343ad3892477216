import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@app/core';
import { ApiKeyRecord, ApiKeyRepository, ApiRole } from '@app/store';

@Injectable()
export class ApiKeysService {
  constructor(private readonly keys: ApiKeyRepository) {}

  /** A new key, in clear this once; only its hash is kept. */
  create(name: string, role: ApiRole): Promise<{ record: ApiKeyRecord; key: string }> {
    return this.keys.create(name, role);
  }

  list(): Promise<ApiKeyRecord[]> {
    return this.keys.list();
  }

  async revoke(id: string): Promise<void> {
    if (!(await this.keys.revoke(id))) throw new NotFoundError(`No active API key '${id}'`, { id });
  }
}
