import { INestApplication } from '@nestjs/common';
import type { OpenAPIV3 } from 'openapi-types';
import { TestContext } from './test-context';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface DocumentedOperation {
  id: string;
  method: string;
  path: string;
  operation: OpenAPIV3.OperationObject;
}

/** The document the API publishes at /docs-json, as a client reads it. */
export async function publishedDocument(ctx: TestContext, app: INestApplication): Promise<OpenAPIV3.Document> {
  const res = await ctx.http(app, null).get('/docs-json');
  expect(res.status).toBe(200);
  return res.body as OpenAPIV3.Document;
}

/** Every operation of the document, named `METHOD /path` and by its operationId. */
export function operationsOf(document: OpenAPIV3.Document): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => {
      const operation = item?.[method];
      return operation ? [{ id: operation.operationId ?? `${method} ${path}`, method: method.toUpperCase(), path, operation }] : [];
    }),
  );
}
