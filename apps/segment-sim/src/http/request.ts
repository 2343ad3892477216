import { IncomingMessage } from 'node:http';
import qs from 'qs';
import { badRequest, SimError } from './sim-error';
import { Stability } from './route';

export const DEFAULT_MAX_BODY = 10 * 1024 * 1024;

export function parseQuery(search: string): Record<string, unknown> {
  // deepObject parameters (pagination[count]=…) and arrays (emails=a&emails=b, rules[0][type]=…)
  return qs.parse(search.startsWith('?') ? search.slice(1) : search, { depth: 5, arrayLimit: 1000, parameterLimit: 5000 }) as Record<
    string,
    unknown
  >;
}

/** Reads a body up to `limit` bytes; a larger one is a 413 (the rest is drained, not kept). */
export function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (tooLarge) {
        reject(new SimError(413, 'PayloadTooLarge', `The request body is ${size} bytes; this endpoint accepts at most ${limit} bytes.`));
        return;
      }
      resolve(Buffer.concat(chunks));
    });
  });
}

/** A JSON body (any `…json` media type); what is not JSON by its Content-Type is left as text for the media-type check. */
export function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (!/json/i.test(contentType ?? '')) return raw.toString('utf8');
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw badRequest('The request body is not valid JSON.', 'body');
  }
}

/** Reads a JSON body (the admin surface, which is not Segment's API and takes plain JSON). */
export async function readBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const raw = await readRawBody(req, limit);
  if (raw.length === 0) return undefined;
  const contentType = String(req.headers['content-type'] ?? 'application/json');
  if (!/json/i.test(contentType)) {
    throw new SimError(415, 'UnsupportedMediaType', `Content-Type '${contentType}' is not supported; send application/json.`);
  }
  return parseBody(raw, contentType);
}

export const mediaType = (stability: Stability): string => `application/vnd.segment.${stability}+json`;
