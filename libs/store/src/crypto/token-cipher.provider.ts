import { Logger, Provider } from '@nestjs/common';
import { SecurityConfig } from '@app/config';
import { DEVELOPMENT_KEY_ID, developmentKey, TokenCipher } from './token-cipher';
import { loadOrCreateKeyFile } from './token-key-file';

/**
 * Builds the cipher from TOKEN_ENCRYPTION_KEYS. Without it, the key comes from a file
 * (TOKEN_ENCRYPTION_KEY_FILE, default `${DATA_DIR}/token-encryption.key`), generated at first
 * start — in production only when TOKEN_ENCRYPTION_KEY_FILE is set explicitly, since every
 * process (API, each worker) must read the same file. Outside production the key earlier
 * versions derived from a fixed phrase still decrypts tokens stored with it (never encrypts).
 */
export function tokenCipherFrom(config: SecurityConfig): TokenCipher {
  if (config.encryptionKeys) {
    const keys = TokenCipher.parseKeys(config.encryptionKeys);
    return new TokenCipher(keys, config.activeKeyId ?? [...keys.keys()][0]!);
  }
  if (config.environment === 'production' && !config.encryptionKeyFile) {
    throw new Error(
      'TOKEN_ENCRYPTION_KEYS is required in production (keyId:base64 of 32 random bytes, e.g. `openssl rand -base64 32`), ' +
        'or TOKEN_ENCRYPTION_KEY_FILE naming a key file every process shares',
    );
  }
  const path = config.keyFilePath;
  const file = loadOrCreateKeyFile(path);
  const logger = new Logger('TokenCipher');
  if (file.created) {
    logger.warn(
      `TOKEN_ENCRYPTION_KEYS is not set: generated a random token encryption key in ${path} (mode 0600). ` +
        'Keep it (and back it up): without it the stored Segment tokens cannot be read. Set TOKEN_ENCRYPTION_KEYS to manage keys yourself.',
    );
  }
  if (file.tooOpen) logger.warn(`${path} can be read by other users: chmod 600 it`);
  const keys = new Map(file.keys);
  if (config.environment !== 'production' && !keys.has(DEVELOPMENT_KEY_ID)) keys.set(DEVELOPMENT_KEY_ID, developmentKey());
  return new TokenCipher(keys, file.activeKeyId);
}

export const TokenCipherProvider: Provider = { provide: TokenCipher, inject: [SecurityConfig], useFactory: tokenCipherFrom };
