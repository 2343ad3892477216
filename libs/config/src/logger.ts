import { ConsoleLogger } from '@nestjs/common';
import { loadConfig } from './load-config';
import { LoggingConfig } from './logging.config';

/**
 * Nest's console logger, as LOG_FORMAT and LOG_LEVEL say (JSON lines for log collectors). The
 * processes pass the LoggingConfig they validated with the rest; without one it is read here.
 */
export function createLogger(context: string, source: LoggingConfig | NodeJS.ProcessEnv = process.env): ConsoleLogger {
  const config = source instanceof LoggingConfig ? source : loadConfig(LoggingConfig, source);
  return new ConsoleLogger(context, { json: config.format === 'json', logLevels: config.levels });
}
