import { isUuid } from './uuid';

describe('isUuid', () => {
  it.each([
    ['a random (v4) UUID', '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60', true],
    ['a time-ordered (v7) UUID', '01890a5d-ac96-774b-bcce-b302099a8057', true],
    ['the nil UUID', '00000000-0000-0000-0000-000000000000', true],
    ['the max UUID', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', true],
    ['version 0', '6f1c2a4e-8b3d-0c5e-9f7a-1b2c3d4e5f60', false],
    ['a variant outside RFC 9562', '6f1c2a4e-8b3d-4c5e-cf7a-1b2c3d4e5f60', false],
    ['no dashes', '6f1c2a4e8b3d4c5e9f7a1b2c3d4e5f60', false],
    ['a name', 'production', false],
    ['not a string', 42, false],
  ])('%s: %p', (_name, value, expected) => {
    expect(isUuid(value)).toBe(expected);
  });
});
