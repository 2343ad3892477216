import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, urlencoded } from 'express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiConfig } from '@app/config';
import { SafeInputPipe } from './common/safe-input.pipe';
import { useCursorSigningKey } from './common/pagination';
import { answerOversizedRequests, limitUrlLength, MAX_BODY_BYTES, verifyBody } from './common/request-limits';
import { createValidationPipe } from './common/validation';

/** Everything main.ts and the e2e tests share: request limits, validation, OpenAPI at /docs. */
export function configureApp(app: INestApplication): INestApplication {
  const express = app as NestExpressApplication;
  // before routing: a URL too long is a 414; Node's own parser limit (16 KB) answers in the same shape
  answerOversizedRequests(express.getHttpServer());
  express.use(limitUrlLength);
  // replaces Nest's default parsers: 1 MB at most (413), UTF-8 checked and nesting bounded before parsing (400)
  // (Nest skips its own once a `jsonParser` / `urlencodedParser` is in place)
  express.use(json({ limit: MAX_BODY_BYTES, verify: verifyBody }));
  express.use(urlencoded({ limit: MAX_BODY_BYTES, verify: verifyBody, extended: false }));
  useCursorSigningKey(app.get(ApiConfig, { strict: false }).cursorSigningKey);
  // NUL characters and prototype keys first: none reaches validation, services or Postgres
  app.useGlobalPipes(new SafeInputPipe(), createValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Segment configuration backup')
      .setDescription(
        'History, diffs, restore and copy of Segment workspace configuration. Every route but /health needs Authorization: Bearer <api key>.',
      )
      .setVersion('0.1')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque API key',
        description:
          'An API key of this service (not a JWT): `Authorization: Bearer sbk_…`. Created by an admin with POST /api-keys (shown once), or ADMIN_API_KEY; its role (admin, operator, viewer) and workspace scope decide what it may do.',
      })
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  return app;
}
