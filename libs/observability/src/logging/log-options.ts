import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream, LevelWithSilent } from 'pino';
import type { Options } from 'pino-http';
import type { LoggingConfig, LogLevel } from '@app/config';

/**
 * Where a secret could stand in a log record: credentials in headers, and any field named like a
 * secret at the top level or one level down (a job's data, an error's details). Replaced, not removed,
 * so that a reader sees something was there.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...['token', 'apiKey', 'key', 'password', 'secret', 'secrets', 'signingSecret', 'authorization'].flatMap((field) => [
    field,
    `*.${field}`,
  ]),
];

/** Nest's lowest level enabled, as pino names levels. */
const PINO_LEVEL: Record<LogLevel, LevelWithSilent> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/** A client's request id is kept when it looks like one (so that traces join up); otherwise a new one. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The one id of a request, given once (whoever asks first: the log or the audit log) and kept on
 * the request as `id`, where pino-http looks; answered in `X-Request-Id`.
 */
export function requestId(request: IncomingMessage & { id?: unknown }, response: ServerResponse): string {
  if (typeof request.id === 'string') return request.id;
  const sent = request.headers['x-request-id'];
  const id = typeof sent === 'string' && CLIENT_REQUEST_ID.test(sent) ? sent : randomUUID();
  request.id = id;
  response.setHeader('x-request-id', id);
  return id;
}

/**
 * pino-http's options for one process: JSON lines (or pino-pretty for people, LOG_FORMAT=text),
 * the process name on every line, a request id on every request's lines, secrets redacted.
 */
export function logOptions(
  processName: string,
  config: LoggingConfig,
  destination?: DestinationStream,
): Options | [Options, DestinationStream] {
  const lowest = config.levels[config.levels.length - 1] ?? 'log';
  const options: Options = {
    name: processName,
    level: PINO_LEVEL[lowest],
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    genReqId: requestId,
    customProps: (request) => ({ requestId: request.id }),
    // health probes and scrapes every few seconds would drown the rest
    autoLogging: { ignore: (request) => /^\/(health|metrics)(\/|$|\?)/.test(request.url ?? '') },
    serializers: {
      req: (request: { id: unknown; method: string; url: string; headers: object }) => ({
        id: request.id,
        method: request.method,
        url: request.url,
        headers: request.headers,
      }),
    },
    ...(config.format === 'text' && !destination
      ? { transport: { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:standard', ignore: 'pid,hostname' } } }
      : {}),
  };
  return destination ? [options, destination] : options;
}
