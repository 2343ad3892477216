import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export interface EncryptedToken {
  ciphertext: Buffer;
  keyId: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM for Segment tokens at rest. The ciphertext carries its IV and tag; the key id is
 * stored beside it so that keys can rotate (old ciphertexts stay readable with their key, new
 * ones use the active key). The workspace id is bound in as additional data, so a ciphertext
 * copied to another workspace row does not decrypt.
 */
export class TokenCipher {
  constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    readonly activeKeyId: string,
  ) {
    if (!keys.has(activeKeyId)) throw new Error(`the active token key '${activeKeyId}' is not among the configured keys`);
    for (const [id, key] of keys) if (key.length !== 32) throw new Error(`token key '${id}' must be 32 bytes (base64 of 32 random bytes)`);
  }

  /** Parses `keyId:base64key[,keyId:base64key…]`. */
  static parseKeys(spec: string): Map<string, Buffer> {
    const keys = new Map<string, Buffer>();
    for (const part of spec.split(',')) {
      const [id, key] = part.split(':');
      if (!id || !key) throw new Error('token keys must be keyId:base64key');
      keys.set(id, Buffer.from(key, 'base64'));
    }
    return keys;
  }

  encrypt(token: string, context: string): EncryptedToken {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.activeKeyId)!, iv);
    cipher.setAAD(Buffer.from(context));
    const data = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    return { ciphertext: Buffer.concat([iv, cipher.getAuthTag(), data]), keyId: this.activeKeyId };
  }

  decrypt(encrypted: EncryptedToken, context: string): string {
    const key = this.keys.get(encrypted.keyId);
    if (!key) throw new Error(`token key '${encrypted.keyId}' is no longer configured; the token cannot be read`);
    const iv = encrypted.ciphertext.subarray(0, IV_BYTES);
    const tag = encrypted.ciphertext.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(encrypted.ciphertext.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  /**
   * Identifies a token without revealing it (to tell two registrations apart, and for rate-limit
   * keys): an HMAC-SHA256 under a key derived (HKDF) from the active encryption key, so that a
   * stored fingerprint cannot confirm a guessed token without the server's key. Rotating the
   * active key changes fingerprints; the API recomputes the stored ones at start.
   */
  fingerprint(token: string): string {
    return createHmac('sha256', this.fingerprintKey()).update(token, 'utf8').digest('hex').slice(0, 32);
  }

  private fingerprintKeyCache?: Buffer;

  private fingerprintKey(): Buffer {
    this.fingerprintKeyCache ??= Buffer.from(
      hkdfSync('sha256', this.keys.get(this.activeKeyId)!, Buffer.alloc(0), 'segment-config-backup token fingerprint', 32),
    );
    return this.fingerprintKeyCache;
  }
}

/**
 * The key earlier versions derived from a fixed phrase when TOKEN_ENCRYPTION_KEYS was unset.
 * Nothing is encrypted with it any more (a random key file stands in, see token-key-file.ts);
 * outside production it still decrypts tokens stored back then, until they are saved again.
 */
export const DEVELOPMENT_KEY_ID = 'dev';
export const developmentKey = (): Buffer =>
  createHash('sha256').update('segment-config-backup development key; never use in production').digest();
