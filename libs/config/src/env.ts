import { Expose, Transform } from 'class-transformer';
import { IsOptional, ValidateBy } from 'class-validator';

/**
 * Property decorators that read one environment variable each: the variable's name, how its text
 * becomes a value, and one rule with one message that names the variable. A configuration class
 * is then a list of `@EnvInt('PORT', { min: 0, max: 65535 }) port = 3000;` lines.
 */

const compose =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };

const toNumber = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);
const toBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? !['false', '0', 'no', 'off'].includes(value.trim().toLowerCase()) : value;

/** One rule under the variable's name, with the message it reports. */
export const envRule = (name: string, validate: (value: unknown) => boolean, message: string): PropertyDecorator =>
  ValidateBy({ name: `env:${name}`, validator: { validate, defaultMessage: () => message } });

interface Range {
  min?: number;
  max?: number;
  /** What the number is, for the message ("a port number", "milliseconds"). */
  what?: string;
  optional?: boolean;
}

const inRange = (value: number, { min, max }: Range) => (min === undefined || value >= min) && (max === undefined || value <= max);

function rangeText({ min, max }: Range): string {
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  if (max !== undefined) return ` of at most ${max}`;
  return '';
}

/** A whole number within the range. */
export function EnvInt(name: string, range: Range = {}): PropertyDecorator {
  const message = `${name} must be ${range.what ?? 'a whole number'}${rangeText(range)}`;
  return compose(
    Expose({ name }),
    Transform(toNumber),
    ...(range.optional ? [IsOptional()] : []),
    envRule(name, (value) => Number.isInteger(value) && inRange(value as number, range), message),
  );
}

/** A number (fractions allowed) within the range. */
export function EnvNumber(name: string, range: Range = {}): PropertyDecorator {
  const message = `${name} must be ${range.what ?? 'a number'}${rangeText(range)}`;
  return compose(
    Expose({ name }),
    Transform(toNumber),
    ...(range.optional ? [IsOptional()] : []),
    envRule(name, (value) => typeof value === 'number' && Number.isFinite(value) && inRange(value, range), message),
  );
}

/** true/false; `false`, `0`, `no` and `off` (any case) are false, any other text is true. */
export function EnvBoolean(name: string, options: { optional?: boolean } = {}): PropertyDecorator {
  return compose(
    Expose({ name }),
    Transform(toBoolean),
    ...(options.optional ? [IsOptional()] : []),
    envRule(name, (value) => typeof value === 'boolean', `${name} must be true or false`),
  );
}

/** One of the listed values. */
export function EnvChoice(name: string, choices: readonly string[], options: { optional?: boolean } = {}): PropertyDecorator {
  return compose(
    Expose({ name }),
    ...(options.optional ? [IsOptional()] : []),
    envRule(name, (value) => typeof value === 'string' && choices.includes(value), `${name} must be one of ${choices.join(', ')}`),
  );
}

/** Text, optionally matching a pattern (`describe` says what it must be, for the message). */
export function EnvText(name: string, options: { pattern?: RegExp; describe?: string; optional?: boolean } = {}): PropertyDecorator {
  const { pattern, describe, optional } = options;
  const message = `${name} must be ${describe ?? 'a non-empty text'}`;
  return compose(
    Expose({ name }),
    ...(optional ? [IsOptional()] : []),
    envRule(name, (value) => typeof value === 'string' && value !== '' && (!pattern || pattern.test(value)), message),
  );
}

/** An http(s) URL. */
export function EnvUrl(name: string, options: { optional?: boolean } = {}): PropertyDecorator {
  const isHttpUrl = (value: unknown) => {
    if (typeof value !== 'string') return false;
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      return false;
    }
  };
  return compose(Expose({ name }), ...(options.optional ? [IsOptional()] : []), envRule(name, isHttpUrl, `${name} must be an http(s) URL`));
}
