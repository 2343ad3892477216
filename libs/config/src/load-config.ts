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

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const name = prefix + error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => `${name}: ${message}`);
    return [...own, ...flatten(error.children ?? [], `${name}.`)];
  });
}

/**
 * Reads one configuration class from the environment. Properties carry the environment variable
 * names (`@Expose({ name: 'SIM_PORT' })`) and their defaults; validation fails fast, naming
 * the variable.
 */
export function loadConfig<T extends object>(type: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const plain = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const instance = plainToInstance(type, plain, { excludeExtraneousValues: true, exposeDefaultValues: true });
  const errors = validateSync(instance, { forbidUnknownValues: false });
  if (errors.length) throw new ConfigError(flatten(errors));
  return instance;
}
