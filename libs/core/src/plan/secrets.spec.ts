import { fieldReachesPrototype, unmatchedSecrets } from './secrets';

describe('supplied secrets (issue 10, finding 7)', () => {
  it('a field reaching a prototype is told apart, in either notation', () => {
    for (const field of ['__proto__', 'settings.__proto__.x', '/constructor/prototype', '/settings/prototype', 'a.constructor'])
      expect(fieldReachesPrototype(field)).toBe(true);
    for (const field of ['settings.apiKey', '/settings/apiKey', 'settings.protoType', '/settings/__proto__x'])
      expect(fieldReachesPrototype(field)).toBe(false);
  });

  it('names each secret whose resource the state does not hold, by id or natural key of its kind', () => {
    const resources = [
      { kind: 'destination', id: 'd1', naturalKey: 'web / Amplitude' },
      { kind: 'source', id: 's1', naturalKey: 'web' },
    ];
    const secret = (kind: string, resource: string) => ({ kind, resource, field: 'settings.apiKey', value: 'x' });
    expect(unmatchedSecrets([secret('destination', 'd1'), secret('destination', 'web / Amplitude')], resources)).toEqual([]);
    expect(unmatchedSecrets([secret('destination', 'd1'), secret('destination', 's1'), secret('destination', 'nope')], resources)).toEqual([
      { field: 'secrets[1].resource', message: "secrets[1].resource names no destination of the state restored or copied: 's1'" },
      { field: 'secrets[2].resource', message: "secrets[2].resource names no destination of the state restored or copied: 'nope'" },
    ]);
  });
});
