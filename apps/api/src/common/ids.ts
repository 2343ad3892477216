import { ParseUUIDPipe } from '@nestjs/common';
import { ValidationError } from '@app/core';

export const badId = (what = 'workspace', field = 'id') => new ValidationError(field, `${field} must be a ${what} id (a UUID)`);

/** Route ids are UUIDs; anything else is a 400 naming the parameter. */
export const uuidParam = (what = 'workspace', field = 'id') => new ParseUUIDPipe({ exceptionFactory: () => badId(what, field) });
