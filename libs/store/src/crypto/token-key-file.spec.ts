import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadOrCreateKeyFile } from './token-key-file';
import { tokenCipherFrom } from './token-cipher.provider';
import { SecurityConfig } from '@app/config';
import { DEVELOPMENT_KEY_ID, developmentKey, TokenCipher } from './token-cipher';

/** The module object the code under test calls into (not an import wrapper), so that a spy takes effect. */
const fs = jest.requireActual<typeof import('node:fs')>('node:fs');

const security = (values: Partial<SecurityConfig>) => Object.assign(new SecurityConfig(), values);

describe('the token key file (TOKEN_ENCRYPTION_KEYS unset)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sbk-key-'));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is generated at first start with a random 32-byte key, mode 0600, and read back afterwards', () => {
    const path = join(dir, 'nested', 'token-encryption.key');
    const first = loadOrCreateKeyFile(path);
    expect(first.created).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(first.keys.get(first.activeKeyId)!.length).toBe(32);
    const again = loadOrCreateKeyFile(path);
    expect(again.created).toBe(false);
    expect(again.keys.get(again.activeKeyId)!.equals(first.keys.get(first.activeKeyId)!)).toBe(true);
    expect(fs.readdirSync(join(dir, 'nested'))).toEqual(['token-encryption.key']);
  });

  it('two processes starting at once agree: the one that loses the race reads the winner key', () => {
    const path = join(dir, 'token-encryption.key');
    const winner = `winner:${randomBytes(32).toString('base64')}\n`;
    const link = fs.linkSync;
    // another process creates the file between this one's check and its link
    jest.spyOn(fs, 'linkSync').mockImplementation((from, to) => {
      writeFileSync(path, winner, { mode: 0o600 });
      link(from, to);
    });
    const loaded = loadOrCreateKeyFile(path);
    expect(loaded.created).toBe(false);
    expect(loaded.activeKeyId).toBe('winner');
    expect(readFileSync(path, 'utf8')).toBe(winner);
    expect(fs.readdirSync(dir)).toEqual(['token-encryption.key']);
  });

  it('refuses a file that does not hold one 32-byte key', () => {
    const path = join(dir, 'bad.key');
    writeFileSync(path, 'k:c2hvcnQ=\n');
    expect(() => loadOrCreateKeyFile(path)).toThrow(/32 bytes/);
  });

  it('gives the cipher its key: tokens round-trip across restarts, and not with the fixed phrase', () => {
    const config = security({ environment: 'development', dataDir: dir });
    const sealed = tokenCipherFrom(config).encrypt('sgp_secret', 'w1');
    expect(sealed.keyId).not.toBe(DEVELOPMENT_KEY_ID);
    expect(tokenCipherFrom(config).decrypt(sealed, 'w1')).toBe('sgp_secret');
    expect(() => new TokenCipher(new Map([[sealed.keyId, developmentKey()]]), sealed.keyId).decrypt(sealed, 'w1')).toThrow();
    expect(statSync(join(dir, 'token-encryption.key')).mode & 0o777).toBe(0o600);
  });

  it('still reads, outside production, a token stored with the old fixed-phrase key', () => {
    const old = new TokenCipher(new Map([[DEVELOPMENT_KEY_ID, developmentKey()]]), DEVELOPMENT_KEY_ID).encrypt('legacy', 'w');
    expect(tokenCipherFrom(security({ environment: 'test', dataDir: dir })).decrypt(old, 'w')).toBe('legacy');
  });

  it('in production needs TOKEN_ENCRYPTION_KEYS or an explicit TOKEN_ENCRYPTION_KEY_FILE', () => {
    expect(() => tokenCipherFrom(security({ environment: 'production', dataDir: dir }))).toThrow(/TOKEN_ENCRYPTION_KEYS is required/);
    const file = join(dir, 'shared.key');
    const cipher = tokenCipherFrom(security({ environment: 'production', encryptionKeyFile: file }));
    expect(cipher.decrypt(cipher.encrypt('t', 'w'), 'w')).toBe('t');
    expect(() =>
      cipher.decrypt(new TokenCipher(new Map([[DEVELOPMENT_KEY_ID, developmentKey()]]), DEVELOPMENT_KEY_ID).encrypt('t', 'w'), 'w'),
    ).toThrow();
  });
});
