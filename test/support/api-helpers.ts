import request from 'supertest';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
};

/** The fields an error body names: `details.field` (domain errors) and `details.fields` (request validation). */
export function namedFields(body: { details?: { field?: unknown; fields?: Record<string, unknown> } }): string[] {
  const details = body.details ?? {};
  return [...(typeof details.field === 'string' ? [details.field] : []), ...Object.keys(details.fields ?? {})];
}

/**
 * Asserts an error answer: its status, the one body shape `{statusCode, error, message, details?}`
 * and, when given, that the offending field is named both in the message and in the details.
 */
export function expectError(response: request.Response, status: number, field?: string): void {
  expect({ status: response.status, body: response.body }).toMatchObject({ status, body: { statusCode: status } });
  const body = response.body as Record<string, unknown>;
  for (const key of Object.keys(body)) expect(['statusCode', 'error', 'message', 'details']).toContain(key);
  expect(body.error).toEqual(REASONS[status] ?? expect.any(String));
  expect(typeof body.message).toBe('string');
  expect((body.message as string).length).toBeGreaterThan(0);
  if (body.details !== undefined) expect(typeof body.details).toBe('object');
  if (field !== undefined) {
    expect(body.message).toContain(field);
    expect(namedFields(body as never)).toContain(field);
  }
}
