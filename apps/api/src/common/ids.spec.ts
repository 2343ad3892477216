import { ValidationError } from '@app/core';
import { uuidParam } from './ids';

describe('uuidParam', () => {
  it('lets a UUID through, as it is', () => {
    expect(uuidParam().transform('6F1C2A4E-8B3D-4C5E-9F7A-1B2C3D4E5F60', { type: 'param' })).toBe('6F1C2A4E-8B3D-4C5E-9F7A-1B2C3D4E5F60');
  });

  it.each(['42', 'production', '6f1c2a4e8b3d4c5e9f7a1b2c3d4e5f60', '00000000-0000-0000-0000-000000000001'])(
    'refuses %p with a 400 naming the parameter and what it should be',
    (value) => {
      const pipe = uuidParam('plan', 'pid');
      expect(() => pipe.transform(value, { type: 'param' })).toThrow(ValidationError);
      expect(() => pipe.transform(value, { type: 'param' })).toThrow('pid must be a plan id (a UUID)');
    },
  );

  it('a workspace id named id by default', () => {
    expect(() => uuidParam().transform('x', { type: 'param' })).toThrow('id must be a workspace id (a UUID)');
  });
});
