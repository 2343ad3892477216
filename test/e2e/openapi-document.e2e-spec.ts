import { INestApplication } from '@nestjs/common';
import { writeFileSync } from 'node:fs';
import type { OpenAPIV3 } from 'openapi-types';
import { ModulesContainer } from '@nestjs/core';
import { fieldsOf, operationsOf as handlersOf } from '../support/bad-input-cases';
import { operationsOf, publishedDocument } from '../support/openapi-document';
import { TestContext } from '../support/test-context';

type Schema = OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject;

describe('e2e: the published OpenAPI document (/docs-json)', () => {
  let ctx: TestContext;
  let app: INestApplication;
  let document: OpenAPIV3.Document;

  /** A schema by its `$ref`, or the one model it wraps (`allOf: [$ref]`, as Nest writes a described nested DTO). */
  const resolve = (schema: Schema | undefined): OpenAPIV3.SchemaObject | undefined => {
    if (schema && !('$ref' in schema) && schema.allOf?.length === 1 && !schema.properties) return resolve(schema.allOf[0]);
    if (!schema || !('$ref' in schema)) return schema;
    return document.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')] as OpenAPIV3.SchemaObject | undefined;
  };
  /** An object schema that says nothing of its fields: what `RestoreRequest` was. */
  const isEmptyObject = (schema: OpenAPIV3.SchemaObject | undefined) =>
    !schema ||
    ((schema.type === 'object' || schema.type === undefined) &&
      !schema.allOf &&
      !schema.oneOf &&
      !schema.additionalProperties &&
      Object.keys(schema.properties ?? {}).length === 0);

  beforeAll(async () => {
    ctx = await TestContext.create('e2e-openapi-document');
    app = await ctx.startApi();
    document = await publishedDocument(ctx, app);
    if (process.env.DUMP_OPENAPI) writeFileSync(process.env.DUMP_OPENAPI, JSON.stringify(document, null, 2));
  });
  afterAll(() => ctx.close());

  it('describes the bearer scheme as an opaque API key', () => {
    const scheme = document.components?.securitySchemes?.bearer as OpenAPIV3.HttpSecurityScheme;
    expect(scheme).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque API key' });
    expect(scheme.description).toMatch(/API key/);
  });

  it('gives every operation a summary', () => {
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThanOrEqual(28);
    const without = operations.filter(({ operation }) => !operation.summary?.trim()).map(({ method, path }) => `${method} ${path}`);
    expect(without).toEqual([]);
  });

  it('has no request body whose schema is an empty object, nested ones included', () => {
    const empty: string[] = [];
    const visit = (schema: Schema | undefined, where: string, seen: Set<string>) => {
      if (schema && '$ref' in schema) {
        if (seen.has(schema.$ref)) return;
        seen.add(schema.$ref);
      }
      const resolved = resolve(schema);
      if (isEmptyObject(resolved)) return void empty.push(where);
      for (const [name, property] of Object.entries(resolved!.properties ?? {})) {
        const target = resolve(property);
        const inner = target?.type === 'array' ? target.items : property;
        if (resolve(inner)?.type === 'object' || (inner && '$ref' in inner)) visit(inner, `${where}.${name}`, seen);
      }
    };
    for (const { method, path, operation } of operationsOf(document)) {
      const body = operation.requestBody as OpenAPIV3.RequestBodyObject | undefined;
      if (body) visit(body.content['application/json']?.schema, `${method} ${path} body`, new Set());
    }
    expect(empty).toEqual([]);
    // the fields of a supplied secret, which the document did not say
    const secrets = resolve(resolve({ $ref: '#/components/schemas/RestoreRequest' })!.properties!.secrets) as OpenAPIV3.ArraySchemaObject;
    const secret = resolve(secrets.items)!;
    expect(Object.keys(secret.properties ?? {}).sort()).toEqual(['field', 'kind', 'resource', 'value']);
  });

  it('documents every field the handlers validate: each query field a parameter, each body field (nested too) a property', () => {
    const controllers = [...app.get(ModulesContainer).values()].flatMap((module) =>
      [...module.controllers.values()].map((c) => c.metatype),
    );
    const undocumented: string[] = [];
    for (const { method, path, query, body } of handlersOf(document as never, controllers as never)) {
      const operation = document.paths[path]![method as 'get']!;
      const parameters = new Set((operation.parameters as OpenAPIV3.ParameterObject[]).filter((p) => p.in === 'query').map((p) => p.name));
      for (const field of query ? fieldsOf(query) : [])
        if (!parameters.has(field.path)) undocumented.push(`${method} ${path} ?${field.path}`);
      const schema = (operation.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content['application/json']?.schema;
      for (const field of body ? fieldsOf(body) : []) {
        // walk the dotted path (`secrets.0.value`) through properties and array items
        const found = field.path.split('.').reduce<OpenAPIV3.SchemaObject | undefined>((node, part) => {
          if (!node) return undefined;
          if (/^\d+$/.test(part)) return node.type === 'array' ? resolve(node.items) : undefined;
          return resolve(node.properties?.[part]);
        }, resolve(schema));
        if (!found) undocumented.push(`${method} ${path} body ${field.path}`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('shows examples of restore and copy requests, secrets included', () => {
    for (const path of ['/workspaces/{id}/restores', '/copies']) {
      const body = document.paths[path]!.post!.requestBody as OpenAPIV3.RequestBodyObject;
      const examples = Object.values(body.content['application/json']!.examples ?? {}) as OpenAPIV3.ExampleObject[];
      expect(examples.length).toBeGreaterThan(0);
      expect(examples.some((example) => Array.isArray((example.value as { secrets?: unknown }).secrets))).toBe(true);
    }
  });

  it('documents the success answer of every operation, with a schema (or a media type for files and text)', () => {
    const undocumented: string[] = [];
    for (const { method, path, operation } of operationsOf(document)) {
      const successes = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (!successes.length) undocumented.push(`${method} ${path}: no 2xx answer`);
      for (const [status, response] of successes) {
        const content = (response as OpenAPIV3.ResponseObject).content;
        if (status === '204') continue;
        const media = Object.entries(content ?? {});
        if (!media.length) undocumented.push(`${method} ${path} ${status}: no content`);
        for (const [type, { schema }] of media)
          if (type === 'application/json' ? isEmptyObject(resolve(schema)) : !schema)
            undocumented.push(`${method} ${path} ${status} ${type}`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('gives every request body and JSON success answer an example', () => {
    const offenders: string[] = [];
    /** A model (or a list or a nullable choice of models) whose own fields carry the examples. */
    const isModel = (schema: Schema | undefined): boolean => {
      const resolved = resolve(schema);
      if (!resolved) return false;
      if (resolved.type === 'array') return isModel(resolved.items);
      if (resolved.anyOf || resolved.oneOf) return [...(resolved.anyOf ?? []), ...(resolved.oneOf ?? [])].some(isModel);
      return Object.keys(resolved.properties ?? {}).length > 0 || (resolved.allOf?.length ?? 0) > 1;
    };
    const visit = (schema: Schema | undefined, where: string, seen: Set<string>) => {
      if (!schema) return;
      if ('$ref' in schema) {
        if (seen.has(schema.$ref)) return;
        return visit(resolve(schema), where, new Set([...seen, schema.$ref]));
      }
      if (schema.example !== undefined) return;
      for (const part of [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) visit(part, where, seen);
      if (schema.type === 'array') return visit(schema.items, `${where}[]`, seen);
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        const example = ('$ref' in property ? undefined : property.example) ?? resolve(property)?.example;
        if (example !== undefined) continue;
        if (isModel(property)) visit(property, `${where}.${name}`, seen);
        else offenders.push(`${where}.${name}`);
      }
    };
    for (const { method, path, operation } of operationsOf(document)) {
      const body = operation.requestBody as OpenAPIV3.RequestBodyObject | undefined;
      const json = body?.content['application/json'];
      if (json && json.example === undefined && !Object.keys(json.examples ?? {}).length)
        visit(json.schema, `${method} ${path} body`, new Set());
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!/^2\d\d$/.test(status)) continue;
        const media = (response as OpenAPIV3.ResponseObject).content?.['application/json'];
        if (media && media.example === undefined && !Object.keys(media.examples ?? {}).length)
          visit(media.schema, `${method} ${path} ${status}`, new Set());
      }
    }
    expect(offenders).toEqual([]);
  });

  it('documents the error answers of every authenticated operation with the error body', () => {
    const missing: string[] = [];
    for (const { method, path, operation } of operationsOf(document)) {
      if (!operation.security?.length) continue;
      const response = operation.responses['401'] as OpenAPIV3.ResponseObject | undefined;
      const schema = response?.content?.['application/json']?.schema;
      if (!schema || !('$ref' in schema) || !schema.$ref.endsWith('/ErrorBodyResponse')) missing.push(`${method} ${path}`);
    }
    expect(missing).toEqual([]);
    expect(resolve({ $ref: '#/components/schemas/ErrorBodyResponse' })?.required?.sort()).toEqual(['error', 'message', 'statusCode']);
  });

  it('answers POST /plans/:id/cancel with 200, an apply with 202', () => {
    expect(Object.keys(document.paths['/plans/{pid}/cancel']!.post!.responses)).toContain('200');
    expect(Object.keys(document.paths['/plans/{pid}/cancel']!.post!.responses)).not.toContain('201');
    expect(Object.keys(document.paths['/plans/{pid}/apply']!.post!.responses)).toContain('202');
  });
});
