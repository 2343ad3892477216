import { Expose, Transform } from 'class-transformer';
import { EnvChoice, envRule } from './env';

const LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LEVELS)[number];

export class LoggingConfig {
  @EnvChoice('LOG_FORMAT', ['text', 'json'])
  format: 'text' | 'json' = 'text';

  /** The lowest level logged: LOG_LEVEL=warn logs fatal, error and warn. An unknown level is refused, not read as "nothing". */
  @Expose({ name: 'LOG_LEVEL' })
  @Transform(({ value }) => (LEVELS.includes(value as LogLevel) ? LEVELS.slice(0, LEVELS.indexOf(value as LogLevel) + 1) : value))
  @envRule('LOG_LEVEL', (value) => Array.isArray(value), `LOG_LEVEL must be one of ${LEVELS.join(', ')}`)
  levels: LogLevel[] = ['fatal', 'error', 'warn', 'log'];
}
