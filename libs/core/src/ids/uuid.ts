/**
 * A UUID as RFC 9562 defines it: versions 1 to 8 with the RFC variant, or the nil and max UUIDs
 * (the same test as Nest's ParseUUIDPipe, which route ids have always been checked with).
 */
const UUID =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
