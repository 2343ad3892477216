import { ApiConfig } from './api.config';
import { AppConfigModule } from './config.module';
import { ConfigError, loadConfig, loadConfigs } from './load-config';
import { LoggingConfig } from './logging.config';
import { ProcessConfig } from './process-config';
import { RedisConfig } from './redis.config';
import { WorkerConfig } from './worker.config';

/** Wrong in three classes at once: ApiConfig, RedisConfig and LoggingConfig. */
const WRONG_IN_THREE: NodeJS.ProcessEnv = { PORT: 'eighty', REDIS_URL: 'http://127.0.0.1:6379', LOG_LEVEL: 'loud' };

/** The ConfigError a call throws, or fails the test. */
function configError(load: () => unknown): ConfigError {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('the configuration was accepted');
}

describe('ProcessConfig', () => {
  it('reports every problem of every class in one message', () => {
    const error = configError(() => ProcessConfig.load(WRONG_IN_THREE));
    expect(error.problems).toEqual(
      // one line per variable, naming it: no property names, no repeated bound messages
      [
        'PORT must be a port number from 0 to 65535',
        'LOG_LEVEL must be one of fatal, error, warn, log, debug, verbose',
        'REDIS_URL must be a redis:// URL',
      ],
    );
    for (const variable of ['PORT', 'REDIS_URL', 'LOG_LEVEL']) expect(error.message).toContain(variable);
    expect(error.message.startsWith('Invalid configuration:\n  - ')).toBe(true);
  });

  it('gives each class its values and defaults when the environment is valid', () => {
    const config = ProcessConfig.load({ PORT: '8080', LOG_LEVEL: 'warn', WORKER_CONCURRENCY: '2' });
    expect(config.get(ApiConfig).port).toBe(8080);
    expect(config.get(ApiConfig).host).toBe('0.0.0.0');
    expect(config.get(LoggingConfig).levels).toEqual(['fatal', 'error', 'warn']);
    expect(config.get(WorkerConfig).concurrency).toBe(2);
    expect(config.get(RedisConfig).url).toBe('redis://127.0.0.1:6379');
  });

  it('knows only the classes it loaded', () => {
    class Unknown {}
    expect(() => ProcessConfig.load({}).get(Unknown)).toThrow('Unknown is not part of the process configuration');
  });
});

describe('AppConfigModule.forRoot', () => {
  it('validates an environment in one pass, like ProcessConfig', () => {
    const error = configError(() => AppConfigModule.forRoot(WRONG_IN_THREE));
    expect(error.problems).toHaveLength(configError(() => ProcessConfig.load(WRONG_IN_THREE)).problems.length);
  });

  it('provides each class of a loaded configuration as itself', () => {
    const config = ProcessConfig.load({ PORT: '8081' });
    const module = AppConfigModule.forRoot(config);
    const provider = module.providers?.find((p) => typeof p === 'object' && 'provide' in p && p.provide === ApiConfig);
    expect(provider).toEqual({ provide: ApiConfig, useValue: config.get(ApiConfig) });
    expect(module.exports).toContain(LoggingConfig);
  });
});

describe('loadConfig and loadConfigs', () => {
  it('one class: only its own problems', () => {
    expect(configError(() => loadConfig(RedisConfig, WRONG_IN_THREE)).problems).toEqual(['REDIS_URL must be a redis:// URL']);
  });

  it('several classes: all their problems, in class order', () => {
    const problems = configError(() => loadConfigs([RedisConfig, ApiConfig], WRONG_IN_THREE)).problems;
    expect(problems[0]).toBe('REDIS_URL must be a redis:// URL');
    expect(problems.slice(1)).toContain('PORT must be a port number from 0 to 65535');
    expect(problems.join('\n')).not.toContain('LOG_LEVEL');
  });

  it('an empty variable means the default', () => {
    expect(loadConfig(ApiConfig, { PORT: '' }).port).toBe(3000);
  });

  it('an unknown LOG_LEVEL is refused rather than read as "log nothing"', () => {
    expect(configError(() => loadConfig(LoggingConfig, { LOG_LEVEL: 'loud' })).message).toContain('LOG_LEVEL must be one of');
  });
});
