import { ConfigError, loadConfig } from './load-config';
import { NotificationConfig } from './notification.config';

const problems = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(NotificationConfig, env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

describe('NotificationConfig', () => {
  it('defaults: no SMTP, 5 s first retry, 10 s timeout, https only', () => {
    const config = loadConfig(NotificationConfig, {});
    expect(config).toMatchObject({ smtpUrl: undefined, retryBaseMs: 5_000, timeoutMs: 10_000 });
    expect(config.httpAllowedHosts).toEqual([]);
  });

  it('reads the SMTP URL, the retry base and the http allow-list (lower-cased, trimmed)', () => {
    const config = loadConfig(NotificationConfig, {
      SMTP_URL: 'smtp://user:pass@mail.local:2525',
      NOTIFY_RETRY_BASE_MS: '50',
      NOTIFY_HTTP_ALLOWLIST: '127.0.0.1,Hooks.Internal',
    });
    expect(config).toMatchObject({ smtpUrl: 'smtp://user:pass@mail.local:2525', retryBaseMs: 50 });
    expect(config.httpAllowedHosts).toEqual(['127.0.0.1', 'hooks.internal']);
  });

  it('names the variable of each bad value', () => {
    expect(problems({ SMTP_URL: 'http://mail.local' })).toEqual([expect.stringContaining('SMTP_URL')]);
    expect(problems({ NOTIFY_RETRY_BASE_MS: '0' })).toEqual([expect.stringContaining('NOTIFY_RETRY_BASE_MS')]);
    expect(problems({ NOTIFY_HTTP_ALLOWLIST: 'a b' })).toEqual([expect.stringContaining('NOTIFY_HTTP_ALLOWLIST')]);
  });
});
