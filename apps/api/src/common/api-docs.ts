import { applyDecorators, Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { REASONS } from './error-body';

/** The one error body every refusal has (see error-body.ts), as the OpenAPI document shows it. */
export class ErrorBodyResponse {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request' })
  error!: string;

  @ApiProperty({ example: 'limit must be at most 1000' })
  message!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'What the message is about: `field` (a domain error), `fields` (request validation: field → messages), ids, statuses',
    example: { fields: { limit: ['limit must be at most 1000'] } },
  })
  details?: Record<string, unknown>;
}

const WHEN: Record<number, string> = {
  400: 'The request is invalid; the body names the field',
  401: 'No API key, or not a valid one',
  403: "The key's role or workspace scope does not allow this",
  404: 'Not found (or outside the key’s workspace scope)',
  409: 'Conflicts with the current state (the body says which)',
};

/** The error answers of a route, each with the error body's schema. */
export const ApiErrors = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: WHEN[status] ?? REASONS[status] ?? 'Error', type: ErrorBodyResponse })),
  );

/** The errors any authenticated route may answer: invalid input, no key, a key not allowed. */
export const ApiAuthErrors = (...more: number[]) => ApiErrors(400, 401, 403, ...more);

/** Any JSON object, for the free-form parts of an answer (resource bodies, plan summaries). */
export const JSON_OBJECT = { type: 'object', additionalProperties: true } as const;

/** An instant, as JSON carries it. */
export const DATE_TIME = { type: String, format: 'date-time', example: '2026-01-31T02:00:00.000Z' } as const;

/** A page of a keyset- or offset-paged list: `nextCursor` is null on the last page. */
export class PageResponse {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last one',
    example: 'eyJpZCI6IjZmMWMyYTRlIn0',
  })
  nextCursor!: string | null;
}

/**
 * A property holding an instance of `model` or null. OpenAPI 3.0 has no null type, and
 * `nullable` next to a `$ref` (in allOf) is ignored by validators: `null` is spelt as an enum.
 * The model must be part of the document (a response type somewhere, or @ApiExtraModels).
 */
export const nullable = (model: Type<unknown>, description: string) => ({
  description,
  anyOf: [{ $ref: getSchemaPath(model) }, { type: 'object' as const, nullable: true, enum: [null] }],
});
