import { EnvInt, EnvText } from './env';

export class ApiConfig {
  @EnvInt('PORT', { what: 'a port number', min: 0, max: 65535 })
  port = 3000;

  @EnvText('HOST', { describe: 'a host name or address to listen on' })
  host = '0.0.0.0';

  /** The first admin key; when unset and no key exists, one is generated and printed once. */
  @EnvText('ADMIN_API_KEY', { pattern: /^\S{24,}$/, describe: 'at least 24 characters without spaces', optional: true })
  adminApiKey?: string;

  /**
   * Signs list cursors (HMAC-SHA256), so that a forged or altered one is a 400. Unset: a random key
   * per process (cursors then do not survive a restart or move between API instances: set it when
   * running several).
   */
  @EnvText('CURSOR_SIGNING_KEY', { pattern: /^\S{32,}$/, describe: 'at least 32 characters without spaces', optional: true })
  cursorSigningKey?: string;
}
