import { ValidationError } from '@app/core';
import { findNul, SafeInputPipe } from './safe-input.pipe';

describe('SafeInputPipe (issue 10, finding 6)', () => {
  const pipe = new SafeInputPipe();
  const refusal = (value: unknown, type: 'body' | 'query' | 'param', data?: string) => {
    try {
      pipe.transform(value, { type, data });
    } catch (error) {
      return error as ValidationError;
    }
    throw new Error('not refused');
  };

  it('lets values without NUL through, unchanged', () => {
    const body = { name: 'web', select: { names: ['a*'] }, n: 3, ok: true, none: null };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
    expect(pipe.transform('6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60', { type: 'param', data: 'id' })).toBe(
      '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60',
    );
  });

  it('names the body field holding a NUL, nested ones by their path', () => {
    expect(refusal({ name: 'a\u0000b' }, 'body')).toMatchObject({
      field: 'name',
      message: 'name must not contain a NUL character (\\u0000)',
    });
    expect(refusal({ select: { names: ['ok', 'x\u0000'] } }, 'body').field).toBe('select.names[1]');
    expect(refusal({ from: { workspace: '\u0000' } }, 'body').field).toBe('from.workspace');
    expect(refusal({ ['k\u0000']: 1 }, 'body').field).toBe('k\\u0000');
  });

  it('names the query or path parameter', () => {
    expect(refusal({ cursor: 'a\u0000' }, 'query').field).toBe('cursor');
    expect(refusal('x\u0000', 'param', 'id').field).toBe('id');
    expect(refusal('x\u0000', 'query', 'kind').field).toBe('kind');
  });

  it('walks deep values without recursion', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findNul(deep)).toMatch(/^\[0\]/);
  });

  it('refuses prototype keys anywhere, which validation would silently drop', () => {
    expect(refusal(JSON.parse('{"__proto__":{"admin":true}}'), 'body')).toMatchObject({
      field: '__proto__',
      message: '__proto__ is not a field any request takes',
    });
    expect(refusal({ select: { constructor: { prototype: 1 } } }, 'body').field).toBe('select.constructor');
    expect(refusal({ secrets: [{ prototype: 'x' }] }, 'body').field).toBe('secrets[0].prototype');
    expect(refusal({ constructor: 'x' }, 'query').field).toBe('constructor');
  });
});
