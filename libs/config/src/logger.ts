import { ConsoleLogger } from '@nestjs/common';
import { loadConfig } from './load-config';
import { LoggingConfig } from './logging.config';

/** Nest's console logger, as LOG_FORMAT and LOG_LEVEL say (JSON lines for log collectors). */
export function createLogger(context: string, env: NodeJS.ProcessEnv = process.env): ConsoleLogger {
  const config = loadConfig(LoggingConfig, env);
  return new ConsoleLogger(context, { json: config.format === 'json', logLevels: config.levels });
}
