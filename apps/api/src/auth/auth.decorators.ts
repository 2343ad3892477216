import { SetMetadata } from '@nestjs/common';
import { ApiRole } from '@app/store';

export const IS_PUBLIC = 'auth:public';
export const REQUIRED_ROLE = 'auth:role';

/** Reachable without an API key (only /health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * The least role a route needs. Without it, reads need `viewer` and writes need `operator`;
 * key management needs `admin`.
 */
export const RequireRole = (role: ApiRole) => SetMetadata(REQUIRED_ROLE, role);
