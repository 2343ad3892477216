import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiConfig, createLogger, loadConfig } from '@app/config';
import { ApiModule } from './api.module';
import { configureApp } from './configure-app';

async function main(): Promise<void> {
  const config = loadConfig(ApiConfig);
  const app = configureApp(await NestFactory.create(ApiModule.register(), { logger: createLogger('api') }));
  await app.listen(config.port, config.host);
  new Logger('Api').log(
    `API listening on http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port} (OpenAPI at /docs)`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
