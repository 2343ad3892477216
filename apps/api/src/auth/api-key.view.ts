import { ApiKeyRecord } from '@app/store';

/** An API key as the API shows it: never its hash, and the key itself only when it is created. */
export const apiKeyView = (record: ApiKeyRecord) => ({
  id: record.id,
  name: record.name,
  role: record.role,
  prefix: record.prefix,
  createdAt: record.createdAt,
  lastUsedAt: record.lastUsedAt,
  revokedAt: record.revokedAt,
  /** null: every workspace. */
  workspaces: record.workspaces,
});
