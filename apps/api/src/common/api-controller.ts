import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ApiRole } from '@app/store';
import { RequireRole } from '../auth/auth.decorators';
import { ScopedBy } from '../auth/workspace-scope';

/**
 * A controller of the authenticated API, in one line: its path, its OpenAPI tag, the bearer
 * scheme, where its workspaces are read from (checked against a scoped key), and the role every
 * route needs when it is not the default (viewer for reads, operator for writes).
 */
export const ApiController = (options: { path?: string; tag: string; scope: Parameters<typeof ScopedBy>[0]; role?: ApiRole }) =>
  applyDecorators(
    ApiTags(options.tag),
    ApiBearerAuth(),
    ...(options.role ? [RequireRole(options.role)] : []),
    ScopedBy(options.scope),
    Controller(options.path ?? ''),
  );
