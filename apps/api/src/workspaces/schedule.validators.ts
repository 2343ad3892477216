import { registerDecorator, ValidationOptions } from 'class-validator';
import { isCronExpression, isTimeZone } from '@app/core';

export function IsCron(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCron',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a cron expression of 5 or 6 fields (e.g. "0 2 * * *")`, ...options },
      validator: { validate: isCronExpression },
    });
}

export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be an IANA time zone (e.g. "Europe/Paris")`, ...options },
      validator: { validate: isTimeZone },
    });
}
