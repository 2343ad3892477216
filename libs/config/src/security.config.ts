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
