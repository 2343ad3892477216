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

/** Reads a JSON body up to `limit` bytes; a larger one is a 413 (the rest is drained, not kept). */
export function readBody(req: IncomingMessage, limit: number): Promise<unknown> {
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
      if (size === 0) return resolve(undefined);
      const contentType = String(req.headers['content-type'] ?? 'application/json');
      if (!/json/i.test(contentType)) {
        reject(new SimError(415, 'UnsupportedMediaType', `Content-Type '${contentType}' is not supported; send application/json.`));
        return;
      }
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(badRequest('The request body is not valid JSON.'));
      }
    });
  });
}

const ORDER: Stability[] = ['v1', 'v1beta', 'v1alpha'];

/**
 * Picks the version to answer with. Plain JSON (or no Accept) gets the endpoint's most stable
 * version; an explicit version must be one the endpoint has (an endpoint offers its own
 * stability and every less stable one).
 */
export function negotiate(accept: string | undefined, stability: Stability): Stability | null {
  const offered = ORDER.slice(ORDER.indexOf(stability));
  if (!accept) return stability;
  const requested = accept.split(',').map((part) => part.split(';')[0]!.trim().toLowerCase());
  for (const type of requested) {
    const match = /^application\/vnd\.segment\.(v1(?:alpha|beta)?)\+json$/.exec(type);
    if (match) {
      if (offered.includes(match[1] as Stability)) return match[1] as Stability;
      continue;
    }
    if (type === 'application/json' || type === '*/*' || type === 'application/*') return stability;
  }
  return null;
}

export const mediaType = (stability: Stability): string => `application/vnd.segment.${stability}+json`;
