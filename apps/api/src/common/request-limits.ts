import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import { errorBody } from './error-body';

/** The longest URL (path and query) answered; longer ones are a 414. */
export const MAX_URL_LENGTH = 8 * 1024;
/** The largest request body read; larger ones are a 413. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** How deep a JSON body may nest objects and arrays; deeper is a 400, refused before it is parsed. */
export const MAX_JSON_DEPTH = 64;

/** A 4xx raised while reading a body: the exception filter answers it with its status, naming the body. */
export class BodyRefused extends Error {
  readonly type = 'entity.verify.failed';
  readonly details = { field: 'body' };
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** How deep a JSON text nests, counting brackets outside strings: linear, no recursion. */
export function jsonDepth(text: Buffer): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i]!;
    if (inString) {
      if (byte === 0x5c) i++;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (byte === 0x7d || byte === 0x5d) depth--;
  }
  return deepest;
}

/**
 * body-parser's `verify` hook, run on the raw bytes before parsing: invalid UTF-8 is refused
 * (not silently replaced by U+FFFD), and so is nesting deeper than MAX_JSON_DEPTH (which would
 * overflow the stack of the validators that walk it).
 */
export function verifyBody(_request: IncomingMessage, _response: unknown, body: Buffer, encoding: string): void {
  if (/^utf-?8$/i.test(encoding)) {
    try {
      UTF8.decode(body);
    } catch {
      throw new BodyRefused('body must be valid UTF-8');
    }
  }
  if (jsonDepth(body) > MAX_JSON_DEPTH) throw new BodyRefused(`body must not nest deeper than ${MAX_JSON_DEPTH} levels`);
}

const uriTooLong = () => errorBody(414, `url must be at most ${MAX_URL_LENGTH} characters long`, { field: 'url' });

/** Express middleware, before routing: a URL longer than MAX_URL_LENGTH is a 414. */
export function limitUrlLength(request: Request, response: Response, next: NextFunction): void {
  if (request.originalUrl.length > MAX_URL_LENGTH) {
    response.status(414).json(uriTooLong());
    return;
  }
  next();
}

/**
 * URLs and headers too large for Node's HTTP parser (16 KB) never reach Express: Node would answer
 * a bare 431 and drop the connection. Answer them in the API's shape instead: a 414 when the
 * request line itself is too long, a 431 otherwise.
 */
export function answerOversizedRequests(server: Server): void {
  server.on('clientError', (error: Error & { code?: string; rawPacket?: Buffer }, socket: Socket) => {
    if (socket.writable) {
      const firstLine = error.rawPacket?.indexOf('\r\n') ?? -1;
      const body =
        error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? errorBody(408, 'request must arrive in full within the server timeout', { field: 'request' })
          : error.code !== 'HPE_HEADER_OVERFLOW'
            ? errorBody(400, 'request must be valid HTTP', { field: 'request' })
            : firstLine < 0 || firstLine > MAX_URL_LENGTH
              ? uriTooLong()
              : errorBody(431, 'headers must be at most 16 KB in all', { field: 'headers' });
      const text = JSON.stringify(body);
      socket.write(
        `HTTP/1.1 ${body.statusCode} ${body.error}\r\nContent-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
      );
    }
    socket.destroySoon();
  });
}
