import { BodyRefused, jsonDepth, MAX_JSON_DEPTH, verifyBody } from './request-limits';

describe('request limits (issue 10, findings 6 and 8)', () => {
  it('measures JSON nesting, brackets inside strings (escaped quotes included) not counted', () => {
    expect(jsonDepth(Buffer.from('{}'))).toBe(1);
    expect(jsonDepth(Buffer.from('{"a":[{"b":[1]}]}'))).toBe(4);
    expect(jsonDepth(Buffer.from('{"a":"[[[[{{{{","b":"\\"[[[["}'))).toBe(1);
    expect(jsonDepth(Buffer.from('"just a string"'))).toBe(0);
  });

  const verify =
    (text: Buffer | string, encoding = 'utf-8') =>
    () =>
      verifyBody({} as never, undefined, Buffer.isBuffer(text) ? text : Buffer.from(text), encoding);

  it('lets valid UTF-8 up to 64 levels through', () => {
    expect(verify(`{"name":"café ☕ 𝄞","x":${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`)).not.toThrow();
  });

  it('refuses invalid UTF-8 and deeper nesting with a 400 naming the body', () => {
    for (const bytes of [[0xc3, 0x28], [0xff], [0xed, 0xa0, 0x80], [0xe2, 0x82]]) {
      const body = Buffer.concat([Buffer.from('{"a":"'), Buffer.from(bytes), Buffer.from('"}')]);
      expect(verify(body)).toThrow(new BodyRefused('body must be valid UTF-8'));
    }
    expect(verify(`${'['.repeat(65)}${']'.repeat(65)}`)).toThrow('body must not nest deeper than 64 levels');
    expect(new BodyRefused('x')).toMatchObject({ status: 400, type: 'entity.verify.failed', details: { field: 'body' } });
  });
});
