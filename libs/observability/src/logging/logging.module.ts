import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { LoggingConfig } from '@app/config';
import { logOptions } from './log-options';

/**
 * Structured logs through nestjs-pino for one process. main.ts makes it Nest's logger
 * (`app.useLogger(app.get(Logger))`), so `new Logger(ctx).log({ jobId, workspaceId }, 'message')`
 * puts those ids in fields of the line, not in its text.
 */
@Module({})
export class LoggingModule {
  /** `destination`: where lines go instead of stdout (tests capture them to search for secrets). */
  static forProcess(processName: 'api' | 'worker', destination?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [LoggingConfig],
          useFactory: (config: LoggingConfig) => ({ pinoHttp: logOptions(processName, config, destination) }),
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
