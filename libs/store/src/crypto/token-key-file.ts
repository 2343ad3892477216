import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync, fsyncSync } from 'node:fs';
import { dirname } from 'node:path';

/** The key id of a generated key file's key (stored beside each ciphertext). */
export const FILE_KEY_ID = 'local';

export interface KeyFile {
  keys: Map<string, Buffer>;
  activeKeyId: string;
  /** This process wrote the file (first start): say so once. */
  created: boolean;
  /** The file can be read by other users than its owner. */
  tooOpen: boolean;
}

const parse = (path: string, text: string): Map<string, Buffer> => {
  const spec = text.trim();
  const match = /^([A-Za-z0-9_-]+):([A-Za-z0-9+/=]+)$/.exec(spec);
  const key = match && Buffer.from(match[2]!, 'base64');
  if (!match || key?.length !== 32) throw new Error(`${path} must hold one line keyId:base64 of 32 bytes`);
  return new Map([[match[1]!, key]]);
};

/**
 * Reads the token encryption key from `path`, or creates it there with a random 32-byte key
 * (mode 0600). Creation is atomic: the key is written whole to a temporary file opened with
 * O_EXCL, then hard-linked to `path`, which fails if another process got there first — that
 * process's key is then read back, so every process starting at once agrees on one key.
 */
export function loadOrCreateKeyFile(path: string): KeyFile {
  const existing = read(path);
  if (existing) return existing;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, `${FILE_KEY_ID}:${randomBytes(32).toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, path);
    return { ...read(path)!, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return read(path)!;
  } finally {
    unlinkSync(temporary);
  }
}

function read(path: string): KeyFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const keys = parse(path, text);
  return { keys, activeKeyId: [...keys.keys()][0]!, created: false, tooOpen: (statSync(path).mode & 0o077) !== 0 };
}
