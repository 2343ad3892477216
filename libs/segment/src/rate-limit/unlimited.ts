import { RequestRateLimiter } from './shared-rate-limiter';

/** No client-side limiting: for tests of other behaviour and for one-off tools. */
export const UNLIMITED: RequestRateLimiter = {
  acquire: async () => undefined,
  pause: async () => undefined,
};
