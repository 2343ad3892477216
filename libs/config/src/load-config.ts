import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

/** Thrown at boot when the environment is invalid; lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** A configuration class: properties named after environment variables, with their defaults. */
export type ConfigClass<T extends object = object> = new () => T;

/** The messages of every failed rule: each names its environment variable (see env.ts). */
function flatten(errors: ValidationError[]): string[] {
  return errors.flatMap((error) => [...Object.values(error.constraints ?? {}), ...flatten(error.children ?? [])]);
}

/** Reads one class from the environment; returns its problems instead of throwing. */
function read<T extends object>(type: ConfigClass<T>, env: NodeJS.ProcessEnv): { config: T; problems: string[] } {
  const plain = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const config = plainToInstance(type, plain, { excludeExtraneousValues: true, exposeDefaultValues: true });
  return { config, problems: flatten(validateSync(config, { forbidUnknownValues: false })) };
}

/**
 * Reads one configuration class from the environment. Properties carry the environment variable
 * names (`@Expose({ name: 'SIM_PORT' })`) and their defaults; validation fails fast, naming
 * the variable.
 */
export function loadConfig<T extends object>(type: ConfigClass<T>, env: NodeJS.ProcessEnv = process.env): T {
  const { config, problems } = read(type, env);
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/**
 * Reads several configuration classes in one pass: a ConfigError lists the problems of every
 * class together, so one start shows everything that is wrong.
 */
export function loadConfigs(types: readonly ConfigClass[], env: NodeJS.ProcessEnv = process.env): Map<ConfigClass, object> {
  const loaded = new Map<ConfigClass, object>();
  const problems: string[] = [];
  for (const type of types) {
    const result = read(type, env);
    loaded.set(type, result.config);
    problems.push(...result.problems);
  }
  if (problems.length) throw new ConfigError(problems);
  return loaded;
}
