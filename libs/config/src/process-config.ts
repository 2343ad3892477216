import { ApiConfig } from './api.config';
import { BootstrapConfig } from './bootstrap.config';
import { DatabaseConfig } from './database.config';
import { ConfigClass, ConfigError, loadConfigs } from './load-config';
import { LoggingConfig } from './logging.config';
import { NotificationConfig } from './notification.config';
import { ObservabilityConfig } from './observability.config';
import { RedisConfig } from './redis.config';
import { ScheduleConfig } from './schedule.config';
import { productionSecretProblems, SecurityConfig } from './security.config';
import { SegmentConfig } from './segment.config';
import { WorkerConfig } from './worker.config';

/** Every class the API and the worker read (the simulator, a separate program, has its own). */
export const CONFIG_CLASSES: readonly ConfigClass[] = [
  ApiConfig,
  BootstrapConfig,
  DatabaseConfig,
  LoggingConfig,
  NotificationConfig,
  ObservabilityConfig,
  RedisConfig,
  ScheduleConfig,
  SecurityConfig,
  SegmentConfig,
  WorkerConfig,
];

/**
 * The configuration of one process, validated once at start: every class is read in one pass and
 * a ConfigError names every problem of every class. main.ts loads it before anything else and
 * hands it to the logger and the module.
 */
export class ProcessConfig {
  private constructor(private readonly loaded: Map<ConfigClass, object>) {}

  static load(env: NodeJS.ProcessEnv = process.env): ProcessConfig {
    const config = new ProcessConfig(loadConfigs(CONFIG_CLASSES, env));
    // published example secrets never protect real data (production only)
    const problems = productionSecretProblems(config.get(SecurityConfig), config.get(ApiConfig).adminApiKey);
    if (problems.length) throw new ConfigError(problems);
    return config;
  }

  get<T extends object>(type: ConfigClass<T>): T {
    const config = this.loaded.get(type);
    if (!(config instanceof type)) throw new Error(`${type.name} is not part of the process configuration`);
    return config;
  }

  /** Each class with its loaded value, for dependency injection. */
  entries(): Array<[ConfigClass, object]> {
    return [...this.loaded.entries()];
  }
}
