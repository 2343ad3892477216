import { BadRequestException, HttpException, Logger, NotFoundException } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import {
  ConcurrencyError,
  ConflictError,
  DomainError,
  ForbiddenError,
  IllegalStateError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from '@app/core';
import { DomainExceptionFilter } from './domain-exception.filter';

class UpstreamError extends DomainError {
  readonly code = 'UPSTREAM' as const;
}
class UpstreamUnavailableError extends DomainError {
  readonly code = 'UPSTREAM_UNAVAILABLE' as const;
}

/** What the filter answers for an exception: status and body. */
function answer(exception: unknown): { status: number; body: unknown } {
  const response = { status: jest.fn(), json: jest.fn() };
  response.status.mockReturnValue(response);
  new DomainExceptionFilter().catch(exception, new ExecutionContextHost([{}, response]));
  return { status: response.status.mock.calls[0]![0], body: response.json.mock.calls[0]![0] };
}

describe('DomainExceptionFilter', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it.each([
    [new NotFoundError('No workspace'), 404, 'Not Found'],
    [new ValidationError('from', 'from must be a version'), 400, 'Bad Request'],
    [new ConflictError('already registered'), 409, 'Conflict'],
    [new ConcurrencyError('ws', 1, 2), 409, 'Conflict'],
    [new IllegalStateError('not ready'), 409, 'Conflict'],
    [new ForbiddenError('needs admin'), 403, 'Forbidden'],
    [new UnauthenticatedError('no key'), 401, 'Unauthorized'],
    [new UpstreamError('Segment said no'), 502, 'Bad Gateway'],
    [new UpstreamUnavailableError('Segment is down'), 503, 'Service Unavailable'],
  ])('%p → %i', (error, status, reason) => {
    const { status: answered, body } = answer(error);
    expect(answered).toBe(status);
    expect(body).toMatchObject({ statusCode: status, error: reason, message: error.message });
  });

  it('keeps the details of a domain error, and names the field of a validation error', () => {
    expect(answer(new ValidationError('cursor', 'cursor is not a cursor this list returned')).body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'cursor is not a cursor this list returned',
      details: { field: 'cursor' },
    });
    expect(answer(new NotFoundError('No plan')).body).toEqual({ statusCode: 404, error: 'Not Found', message: 'No plan' });
  });

  it("gives Nest's own exceptions the same shape, messages joined", () => {
    expect(answer(new NotFoundException('Cannot GET /nope')).body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Cannot GET /nope',
    });
    expect(answer(new BadRequestException({ message: ['a is wrong', 'b is wrong'], details: { fields: { a: ['x'] } } })).body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'a is wrong; b is wrong',
      details: { fields: { a: ['x'] } },
    });
    expect(answer(new HttpException('Slow down', 429)).body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: 'Slow down' });
  });

  it('turns body-parser errors into 4xx: malformed JSON, a body too large', () => {
    expect(answer(Object.assign(new Error('Unexpected token'), { status: 400, type: 'entity.parse.failed' }))).toEqual({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: 'body must be valid JSON', details: { field: 'body' } },
    });
    expect(answer(Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large' })).body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'body must be at most 1048576 bytes',
      details: { field: 'body' },
    });
  });

  it('finds body-parser errors inside the HttpException Nest wraps them in', () => {
    const cause = Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large' });
    expect(answer(new HttpException('request entity too large', 413, { cause })).body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'body must be at most 1048576 bytes',
      details: { field: 'body' },
    });
  });

  it('anything else is a 500 that says nothing about the cause', () => {
    expect(answer(new TypeError("Cannot read properties of undefined (reading 'id')"))).toEqual({
      status: 500,
      body: { statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' },
    });
    expect(answer(Object.assign(new Error('upstream'), { status: 502 })).status).toBe(500);
  });
});
