import { Expose } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';

export class SecurityConfig {
  @Expose({ name: 'NODE_ENV' })
  @IsIn(['development', 'production', 'test'])
  environment: 'development' | 'production' | 'test' = 'development';

  /**
   * Keys for encrypting Segment tokens at rest: `keyId:base64key[,keyId:base64key…]`, each key
   * 32 bytes. Several keys allow rotation; `TOKEN_ENCRYPTION_KEY_ID` picks the one that encrypts.
   */
  @Expose({ name: 'TOKEN_ENCRYPTION_KEYS' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+)*$/, {
    message: 'TOKEN_ENCRYPTION_KEYS must be keyId:base64key[,keyId:base64key…]',
  })
  encryptionKeys?: string;

  @Expose({ name: 'TOKEN_ENCRYPTION_KEY_ID' })
  @IsOptional()
  @IsString()
  activeKeyId?: string;
}
