import { createHash, randomBytes } from 'node:crypto';
import { DEVELOPMENT_KEY_ID, developmentKey, TokenCipher } from './token-cipher';

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const TOKEN = 'sgp_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const cipher = () => new TokenCipher(new Map([['a', keyA]]), 'a');

describe('TokenCipher', () => {
  const cipher = new TokenCipher(new Map([['a', keyA]]), 'a');

  it('round-trips a token bound to its workspace id', () => {
    const encrypted = cipher.encrypt(TOKEN, 'workspace-1');
    expect(encrypted.keyId).toBe('a');
    expect(cipher.decrypt(encrypted, 'workspace-1')).toBe(TOKEN);
  });

  it('round-trips empty and non-ASCII tokens', () => {
    for (const token of ['', 'tøkén-✓-🔑']) expect(cipher.decrypt(cipher.encrypt(token, 'w'), 'w')).toBe(token);
  });

  it('the ciphertext is IV + tag + data and never contains the token', () => {
    const encrypted = cipher.encrypt(TOKEN, 'workspace-1');
    expect(encrypted.ciphertext.length).toBe(12 + 16 + Buffer.byteLength(TOKEN));
    expect(encrypted.ciphertext.toString('latin1')).not.toContain(TOKEN);
    expect(encrypted.ciphertext.toString('base64')).not.toContain(Buffer.from(TOKEN).toString('base64'));
  });

  it('uses a fresh IV each time', () => {
    const one = cipher.encrypt(TOKEN, 'w');
    const two = cipher.encrypt(TOKEN, 'w');
    expect(one.ciphertext.equals(two.ciphertext)).toBe(false);
    expect(one.ciphertext.subarray(0, 12).equals(two.ciphertext.subarray(0, 12))).toBe(false);
  });

  it('does not decrypt under another workspace id', () => {
    const encrypted = cipher.encrypt(TOKEN, 'workspace-1');
    expect(() => cipher.decrypt(encrypted, 'workspace-2')).toThrow();
    expect(() => cipher.decrypt(encrypted, '')).toThrow();
  });

  it('detects tampering with the data, the tag or the IV', () => {
    const encrypted = cipher.encrypt(TOKEN, 'w');
    for (const index of [0, 11, 12, 27, 28, encrypted.ciphertext.length - 1]) {
      const tampered = Buffer.from(encrypted.ciphertext);
      tampered[index] = tampered[index]! ^ 0x01;
      expect(() => cipher.decrypt({ ...encrypted, ciphertext: tampered }, 'w')).toThrow();
    }
    expect(() =>
      cipher.decrypt({ ...encrypted, ciphertext: encrypted.ciphertext.subarray(0, encrypted.ciphertext.length - 1) }, 'w'),
    ).toThrow();
  });

  it('the same key id with another key does not decrypt', () => {
    const encrypted = cipher.encrypt(TOKEN, 'w');
    const impostor = new TokenCipher(new Map([['a', keyB]]), 'a');
    expect(() => impostor.decrypt(encrypted, 'w')).toThrow();
  });

  describe('rotation', () => {
    const oldCiphertext = new TokenCipher(new Map([['a', keyA]]), 'a').encrypt(TOKEN, 'ws');
    const rotated = new TokenCipher(
      new Map([
        ['a', keyA],
        ['b', keyB],
      ]),
      'b',
    );

    it('old ciphertexts stay readable with their key while new ones use the active key', () => {
      expect(rotated.decrypt(oldCiphertext, 'ws')).toBe(TOKEN);
      const fresh = rotated.encrypt(TOKEN, 'ws');
      expect(fresh.keyId).toBe('b');
      expect(rotated.decrypt(fresh, 'ws')).toBe(TOKEN);
      expect(new TokenCipher(new Map([['b', keyB]]), 'b').decrypt(fresh, 'ws')).toBe(TOKEN);
    });

    it('a key id that is no longer configured gives a clear error', () => {
      const onlyB = new TokenCipher(new Map([['b', keyB]]), 'b');
      expect(() => onlyB.decrypt(oldCiphertext, 'ws')).toThrow("token key 'a' is no longer configured; the token cannot be read");
    });
  });

  describe('construction', () => {
    it('refuses an active key id that is not configured', () => {
      expect(() => new TokenCipher(new Map([['a', keyA]]), 'b')).toThrow("the active token key 'b' is not among the configured keys");
    });

    it('refuses keys that are not 32 bytes, active or not', () => {
      expect(() => new TokenCipher(new Map([['a', randomBytes(16)]]), 'a')).toThrow("token key 'a' must be 32 bytes");
      expect(
        () =>
          new TokenCipher(
            new Map([
              ['a', keyA],
              ['old', randomBytes(31)],
            ]),
            'a',
          ),
      ).toThrow("token key 'old' must be 32 bytes");
    });
  });
});

describe('TokenCipher.parseKeys', () => {
  it('parses keyId:base64 pairs separated by commas', () => {
    const keys = TokenCipher.parseKeys(`k1:${keyA.toString('base64')},k2:${keyB.toString('base64')}`);
    expect([...keys.keys()]).toEqual(['k1', 'k2']);
    expect(keys.get('k1')!.equals(keyA)).toBe(true);
    expect(keys.get('k2')!.equals(keyB)).toBe(true);
    expect(new TokenCipher(keys, 'k2').activeKeyId).toBe('k2');
  });

  it('refuses entries without an id or a key', () => {
    for (const spec of ['', 'k1', ':abc', 'k1:', `k1:${keyA.toString('base64')},`])
      expect(() => TokenCipher.parseKeys(spec)).toThrow('token keys must be keyId:base64key');
  });

  it('a parsed key of the wrong size is caught by the constructor', () => {
    expect(() => new TokenCipher(TokenCipher.parseKeys('k:c2hvcnQ='), 'k')).toThrow(/must be 32 bytes/);
  });
});

describe('TokenCipher.fingerprint', () => {
  const bare = (token: string) => createHash('sha256').update(token).digest('hex');

  it('is stable, hex and does not contain the token', () => {
    const fingerprint = cipher().fingerprint(TOKEN);
    expect(fingerprint).toBe(cipher().fingerprint(TOKEN));
    expect(fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(fingerprint).not.toContain(TOKEN);
    expect(TOKEN).not.toContain(fingerprint);
  });

  it('tells different tokens apart', () => {
    expect(cipher().fingerprint('sim_staging')).not.toBe(cipher().fingerprint('sim_production'));
    expect(cipher().fingerprint('a')).not.toBe(cipher().fingerprint('a '));
  });

  it('is an HMAC under the server key: not a bare SHA-256 of the token, and different under another key', () => {
    expect(bare(TOKEN).startsWith(cipher().fingerprint(TOKEN).slice(0, 16))).toBe(false);
    expect(new TokenCipher(new Map([['b', keyB]]), 'b').fingerprint(TOKEN)).not.toBe(cipher().fingerprint(TOKEN));
  });
});

describe('development key', () => {
  it('is a fixed 32-byte key usable by the cipher', () => {
    expect(developmentKey().equals(developmentKey())).toBe(true);
    const cipher = new TokenCipher(new Map([[DEVELOPMENT_KEY_ID, developmentKey()]]), DEVELOPMENT_KEY_ID);
    expect(cipher.decrypt(cipher.encrypt('t', 'w'), 'w')).toBe('t');
  });
});
