import { Logger, Provider } from '@nestjs/common';
import { SecurityConfig } from '@app/config';
import { DEVELOPMENT_KEY_ID, developmentKey, TokenCipher } from './token-cipher';

/** Builds the cipher from TOKEN_ENCRYPTION_KEYS; outside production a development key stands in. */
export function tokenCipherFrom(config: SecurityConfig): TokenCipher {
  if (config.encryptionKeys) {
    const keys = TokenCipher.parseKeys(config.encryptionKeys);
    return new TokenCipher(keys, config.activeKeyId ?? [...keys.keys()][0]!);
  }
  if (config.environment === 'production') {
    throw new Error('TOKEN_ENCRYPTION_KEYS is required in production (keyId:base64 of 32 random bytes, e.g. `openssl rand -base64 32`)');
  }
  new Logger('TokenCipher').warn(
    'TOKEN_ENCRYPTION_KEYS is not set: Segment tokens are encrypted with the development key. Set it before storing real tokens.',
  );
  return new TokenCipher(new Map([[DEVELOPMENT_KEY_ID, developmentKey()]]), DEVELOPMENT_KEY_ID);
}

export const TokenCipherProvider: Provider = { provide: TokenCipher, inject: [SecurityConfig], useFactory: tokenCipherFrom };
