import { registerDecorator, ValidationOptions } from 'class-validator';
import { CronExpressionParser } from 'cron-parser';

export function isCron(value: unknown): boolean {
  if (typeof value !== 'string' || value.trim().split(/\s+/).length < 5 || value.trim().split(/\s+/).length > 6) return false;
  try {
    CronExpressionParser.parse(value, { strict: false });
    return true;
  } catch {
    return false;
  }
}

export function isTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || value === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export function IsCron(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCron',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a cron expression of 5 or 6 fields (e.g. "0 2 * * *")`, ...options },
      validator: { validate: isCron },
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
