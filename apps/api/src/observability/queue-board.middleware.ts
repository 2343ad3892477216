import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ApiKeyRepository } from '@app/store';
import { errorBody } from '../common/error-body';

/** Bull Board is a page for a browser: the admin key is accepted as a bearer token or as the Basic password. */
export function keyFrom(header: string | undefined): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (bearer) return bearer;
  const basic = /^Basic\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!basic) return undefined;
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1) || undefined;
}

/** Only admin keys see the queues (they show job data and can retry or remove jobs). */
@Injectable()
export class QueueBoardAuth implements NestMiddleware {
  constructor(private readonly keys: ApiKeyRepository) {}

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    const key = keyFrom(request.headers.authorization);
    const record = key ? await this.keys.findActive(key) : null;
    if (!record) {
      response
        .status(401)
        .set('www-authenticate', 'Basic realm="segment-config-backup queues", charset="UTF-8"')
        .json(errorBody(401, 'An admin API key is required (Bearer, or as the Basic password)'));
      return;
    }
    if (record.role !== 'admin') {
      response
        .status(403)
        .json(errorBody(403, `The queue dashboard needs the 'admin' role; the key '${record.name}' has '${record.role}'`));
      return;
    }
    next();
  }
}
