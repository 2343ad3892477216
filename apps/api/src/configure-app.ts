import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { NoNulPipe } from './common/no-nul.pipe';
import { createValidationPipe } from './common/validation';

/** Everything main.ts and the e2e tests share: validation, body limits, OpenAPI at /docs. */
export function configureApp(app: INestApplication): INestApplication {
  // NUL characters first: no string holding one reaches validation, services or Postgres
  app.useGlobalPipes(new NoNulPipe(), createValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Segment configuration backup')
      .setDescription(
        'History, diffs, restore and copy of Segment workspace configuration. Every route but /health needs Authorization: Bearer <api key>.',
      )
      .setVersion('0.1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  return app;
}
