import { ValidateIf } from 'class-validator';

/**
 * Optional, but not nullable: an absent field is skipped; `null` is validated like any value
 * (and so refused with a 400 naming the field) instead of slipping through as "absent".
 */
export const IsOptionalNotNull = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
