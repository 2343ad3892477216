import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createLogger, LoggingConfig, ProcessConfig } from '@app/config';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  // Every configuration class is checked before anything starts: one message names every problem.
  const config = ProcessConfig.load();
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config), {
    logger: createLogger('worker', config.get(LoggingConfig)),
  });
  app.enableShutdownHooks();
  new Logger('Worker').log('Worker started: processing snapshot jobs and running schedules');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
