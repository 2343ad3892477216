import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

function collect(errors: ValidationError[], prefix = ''): Array<{ field: string; messages: string[] }> {
  return errors.flatMap((error) => {
    const field = prefix + error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...collect(error.children ?? [], `${field}.`)];
  });
}

/**
 * Request validation for every route: unknown fields are refused, values are converted, and a
 * 400 names each offending field in its message and in `details.fields`.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const fields = collect(errors);
      const message = fields.map((f) => f.messages.map((m) => (m.startsWith(f.field) ? m : `${f.field}: ${m}`)).join('; ')).join('; ');
      return new BadRequestException({ message, details: { fields: Object.fromEntries(fields.map((f) => [f.field, f.messages])) } });
    },
  });
}
