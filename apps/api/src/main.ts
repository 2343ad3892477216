import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiConfig, createLogger, LoggingConfig, ProcessConfig } from '@app/config';
import { ApiModule } from './api.module';
import { configureApp } from './configure-app';

async function main(): Promise<void> {
  // Every configuration class is checked before anything starts: one message names every problem.
  const config = ProcessConfig.load();
  const app = configureApp(
    await NestFactory.create(ApiModule.register(config), { logger: createLogger('api', config.get(LoggingConfig)) }),
  );
  const { host, port } = config.get(ApiConfig);
  await app.listen(port, host);
  new Logger('Api').log(`API listening on http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port} (OpenAPI at /docs)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
