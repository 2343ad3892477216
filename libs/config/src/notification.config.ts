import { EnvInt, EnvText } from './env';

/** How notifications are sent: e-mail server, retries, timeouts, which plain-http hosts webhooks may use. */
export class NotificationConfig {
  /** `smtp://user:pass@host:port` (or `smtps://`). Unset: e-mail channels are refused. */
  @EnvText('SMTP_URL', { pattern: /^smtps?:\/\/[^\s]+$/, describe: 'an smtp:// or smtps:// URL', optional: true })
  smtpUrl?: string;

  /** The From address of notification e-mails. */
  @EnvText('SMTP_FROM', { describe: 'an e-mail address' })
  smtpFrom = 'segment-config-backup@localhost';

  /** The first retry waits this long; each next one twice as long (5 attempts in all). */
  @EnvInt('NOTIFY_RETRY_BASE_MS', { what: 'a number of milliseconds', min: 1, max: 3_600_000 })
  retryBaseMs = 5_000;

  /** Every send (webhook, Slack, SMTP) gives up after this long. */
  @EnvInt('NOTIFY_TIMEOUT_MS', { what: 'a number of milliseconds', min: 100, max: 120_000 })
  timeoutMs = 10_000;

  /**
   * Hosts (comma-separated) that webhook and Slack URLs may reach over plain http; https is
   * allowed anywhere. Empty: https only.
   */
  @EnvText('NOTIFY_HTTP_ALLOWLIST', {
    pattern: /^[A-Za-z0-9.:[\]-]+(,[A-Za-z0-9.:[\]-]+)*$/,
    describe: 'host names, comma-separated',
    optional: true,
  })
  httpAllowlist?: string;

  get httpAllowedHosts(): string[] {
    return (this.httpAllowlist ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean);
  }
}
