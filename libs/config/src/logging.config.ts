import { Expose, Transform } from 'class-transformer';
import { IsArray, IsIn } from 'class-validator';

const LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LEVELS)[number];

export class LoggingConfig {
  @Expose({ name: 'LOG_FORMAT' })
  @IsIn(['text', 'json'], { message: 'LOG_FORMAT must be text or json' })
  format: 'text' | 'json' = 'text';

  /** The lowest level logged: LOG_LEVEL=warn logs fatal, error and warn. An unknown level is refused, not read as "nothing". */
  @Expose({ name: 'LOG_LEVEL' })
  @Transform(({ value }) => (LEVELS.includes(value as LogLevel) ? LEVELS.slice(0, LEVELS.indexOf(value as LogLevel) + 1) : value))
  @IsArray({ message: `LOG_LEVEL must be one of ${LEVELS.join(', ')}` })
  @IsIn(LEVELS, { each: true })
  levels: LogLevel[] = ['fatal', 'error', 'warn', 'log'];
}
