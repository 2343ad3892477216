import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ProcessConfig } from '@app/config';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  // Every configuration class is checked before anything starts: one message names every problem.
  const config = ProcessConfig.load();
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config), { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.enableShutdownHooks();
  logger.log('Worker started: processing snapshot and plan jobs and running schedules', 'Worker');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
