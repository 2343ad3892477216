export * from './http/retry-policy';
export * from './http/segment-api-error';
export * from './http/segment-client';
export * from './rate-limit/rate-classes';
export * from './rate-limit/shared-rate-limiter';
export * from './reader/workspace-reader';
export * from './rate-limit/unlimited';
