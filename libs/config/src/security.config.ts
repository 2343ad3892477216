import { join } from 'node:path';
import { EnvChoice, EnvText } from './env';

export class SecurityConfig {
  @EnvChoice('NODE_ENV', ['development', 'production', 'test'])
  environment: 'development' | 'production' | 'test' = 'development';

  /**
   * Keys for encrypting Segment tokens at rest: `keyId:base64key[,keyId:base64key…]`, each key
   * 32 bytes. Several keys allow rotation; `TOKEN_ENCRYPTION_KEY_ID` picks the one that encrypts.
   */
  @EnvText('TOKEN_ENCRYPTION_KEYS', {
    pattern: /^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+)*$/,
    describe: 'keyId:base64key[,keyId:base64key…]',
    optional: true,
  })
  encryptionKeys?: string;

  @EnvText('TOKEN_ENCRYPTION_KEY_ID', { optional: true })
  activeKeyId?: string;

  /**
   * Without TOKEN_ENCRYPTION_KEYS: the file holding the key, generated at first start (0600).
   * Defaults to `${DATA_DIR}/token-encryption.key`; in production it must be set explicitly.
   */
  @EnvText('TOKEN_ENCRYPTION_KEY_FILE', { describe: 'a file path', optional: true })
  encryptionKeyFile?: string;

  @EnvText('DATA_DIR', { describe: 'a directory path' })
  dataDir = 'data';

  get keyFilePath(): string {
    return this.encryptionKeyFile ?? join(this.dataDir, 'token-encryption.key');
  }
}

/** The example values docker-compose.yml once carried as defaults: known to everyone, never for real data. */
export const EXAMPLE_ADMIN_API_KEYS: readonly string[] = ['sbk_change_me_compose_admin_key_0000'];
export const EXAMPLE_ENCRYPTION_KEYS: readonly string[] = ['MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY='];

/**
 * Why this process must not start in production: an example admin key or encryption key (from
 * docker-compose.yml or the README) is a published secret. Empty outside production.
 */
export function productionSecretProblems(security: SecurityConfig, adminApiKey: string | undefined): string[] {
  if (security.environment !== 'production') return [];
  const problems: string[] = [];
  if (adminApiKey && (EXAMPLE_ADMIN_API_KEYS.includes(adminApiKey) || /change[_-]?me/i.test(adminApiKey))) {
    problems.push('ADMIN_API_KEY is an example value; set your own in production (e.g. `echo sbk_$(openssl rand -hex 24)`)');
  }
  const keys = (security.encryptionKeys ?? '').split(',').map((entry) => entry.slice(entry.indexOf(':') + 1));
  if (keys.some((key) => EXAMPLE_ENCRYPTION_KEYS.includes(key))) {
    problems.push('TOKEN_ENCRYPTION_KEYS holds an example key; set your own in production (keyId:$(openssl rand -base64 32))');
  }
  return problems;
}
