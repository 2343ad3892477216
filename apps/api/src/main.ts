import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ApiConfig, ProcessConfig } from '@app/config';
import { ApiModule } from './api.module';
import { configureApp } from './configure-app';

async function main(): Promise<void> {
  // Every configuration class is checked before anything starts: one message names every problem.
  const config = ProcessConfig.load();
  const app = configureApp(await NestFactory.create(ApiModule.register(config), { bufferLogs: true }));
  const logger = app.get(Logger);
  app.useLogger(logger);
  const { host, port } = config.get(ApiConfig);
  await app.listen(port, host);
  logger.log(`API listening on http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port} (OpenAPI at /docs)`, 'Api');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
