import { PipeTransform } from '@nestjs/common';
import { isUuid, ValidationError } from '@app/core';

export const badId = (what = 'workspace', field = 'id') => new ValidationError(field, `${field} must be a ${what} id (a UUID)`);

/** Route ids are UUIDs; anything else is a 400 naming the parameter. */
export const uuidParam = (what = 'workspace', field = 'id'): PipeTransform<unknown, string> => ({
  transform(value: unknown): string {
    if (!isUuid(value)) throw badId(what, field);
    return value;
  },
});
