import { DynamicModule, Global, Module } from '@nestjs/common';
import { ApiConfig } from './api.config';
import { BootstrapConfig } from './bootstrap.config';
import { DatabaseConfig } from './database.config';
import { ConfigError, loadConfig } from './load-config';
import { RedisConfig } from './redis.config';
import { SecurityConfig } from './security.config';
import { SegmentConfig } from './segment.config';
import { WorkerConfig } from './worker.config';

export const CONFIG_CLASSES = [
  ApiConfig,
  BootstrapConfig,
  DatabaseConfig,
  RedisConfig,
  SecurityConfig,
  SegmentConfig,
  WorkerConfig,
] as const;

/**
 * Validates every configuration class once at boot (all problems reported together) and provides
 * each as an injectable. Tests pass `env` to run isolated instances side by side.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    const problems: string[] = [];
    const providers = CONFIG_CLASSES.map((type) => {
      try {
        return { provide: type, useValue: loadConfig(type as new () => object, env) };
      } catch (error) {
        if (error instanceof ConfigError) problems.push(...error.problems);
        else throw error;
        return { provide: type, useValue: undefined };
      }
    });
    if (problems.length) throw new ConfigError(problems);
    return { module: AppConfigModule, providers, exports: CONFIG_CLASSES as unknown as DynamicModule['exports'] };
  }
}
