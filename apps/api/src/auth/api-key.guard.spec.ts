import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { ForbiddenError, UnauthenticatedError } from '@app/core';
import { ApiConfig } from '@app/config';
import { ApiKeyRecord, ApiKeyRepository, ApiRole } from '@app/store';
import { Mocked, newTestService } from '../../../../test/support/new-test-service';
import { ApiKeyGuard, AuthenticatedRequest } from './api-key.guard';
import { Public, RequireRole } from './auth.decorators';

class Routes {
  @Public()
  health() {}

  read() {}

  @RequireRole('admin')
  manageKeys() {}
}

const key = (role: ApiRole): ApiKeyRecord => ({
  id: `11111111-1111-4111-8111-11111111111${role.length}`,
  name: `${role} key`,
  role,
  prefix: 'sbk_abcdefgh',
  hash: 'h',
  createdAt: new Date(0),
  lastUsedAt: null,
  revokedAt: null,
  workspaces: null,
});

function context(
  route: keyof Routes,
  method: string,
  authorization?: string,
): { context: ExecutionContext; request: AuthenticatedRequest } {
  const request = { method, headers: authorization ? { authorization } : {} } as AuthenticatedRequest;
  return { context: new ExecutionContextHost([request], Routes, Routes.prototype[route]), request };
}

const BOOTSTRAP = 'sbk_bootstrap_0123456789abcdefghij';

describe('ApiKeyGuard', () => {
  let guard: ApiKeyGuard;
  let keys: Mocked<ApiKeyRepository>;

  beforeEach(async () => {
    const service = await newTestService(ApiKeyGuard, [
      { provide: Reflector, useValue: new Reflector() },
      { provide: ApiConfig, useValue: Object.assign(new ApiConfig(), { adminApiKey: BOOTSTRAP }) },
    ]);
    guard = service.sut;
    keys = service.mock(ApiKeyRepository);
    keys.touch.mockResolvedValue(undefined);
    keys.findActive.mockImplementation(async (presented) => (presented.startsWith('sbk_') ? key(presented.slice(4) as ApiRole) : null));
  });

  it('lets anyone reach a public route', async () => {
    expect(await guard.canActivate(context('health', 'GET').context)).toBe(true);
    expect(keys.findActive).not.toHaveBeenCalled();
  });

  it('needs a bearer key everywhere else (401)', async () => {
    await expect(guard.canActivate(context('read', 'GET').context)).rejects.toThrow(UnauthenticatedError);
    await expect(guard.canActivate(context('read', 'GET', 'Basic abc').context)).rejects.toThrow(
      'Authorization: Bearer <api key> is required',
    );
    await expect(guard.canActivate(context('read', 'GET', 'Bearer unknown').context)).rejects.toThrow(
      'The API key is not valid (unknown or revoked)',
    );
  });

  it('reads need a viewer, writes an operator, key management an admin (403 otherwise)', async () => {
    expect(await guard.canActivate(context('read', 'GET', 'Bearer sbk_viewer').context)).toBe(true);
    await expect(guard.canActivate(context('read', 'POST', 'Bearer sbk_viewer').context)).rejects.toThrow(ForbiddenError);
    expect(await guard.canActivate(context('read', 'POST', 'Bearer sbk_operator').context)).toBe(true);
    await expect(guard.canActivate(context('manageKeys', 'GET', 'Bearer sbk_operator').context)).rejects.toThrow(
      "This action needs the 'admin' role; the key 'operator key' has 'operator'",
    );
    expect(await guard.canActivate(context('manageKeys', 'DELETE', 'Bearer sbk_admin').context)).toBe(true);
  });

  it('records who is asking, and when the key was last used (at most once a minute)', async () => {
    const { context: first, request } = context('read', 'GET', 'bearer sbk_viewer');
    await guard.canActivate(first);
    await guard.canActivate(context('read', 'GET', 'Bearer sbk_viewer').context);
    expect(request.principal).toEqual({ keyId: key('viewer').id, name: 'viewer key', role: 'viewer' });
    expect(keys.touch).toHaveBeenCalledTimes(1);
  });

  it('takes ADMIN_API_KEY as an admin key even when its record is revoked or gone (the bootstrap key)', async () => {
    keys.findByHash.mockResolvedValue(null);
    const { context: ctx, request } = context('manageKeys', 'DELETE', `Bearer ${BOOTSTRAP}`);
    expect(await guard.canActivate(ctx)).toBe(true);
    expect(request.principal).toMatchObject({ name: 'bootstrap-admin', role: 'admin', bootstrap: true });
  });

  it('refuses a key scoped to workspaces on a route that names none (403)', async () => {
    keys.findActive.mockResolvedValue({ ...key('admin'), workspaces: ['33333333-3333-4333-8333-333333333333'] });
    await expect(guard.canActivate(context('manageKeys', 'GET', 'Bearer sbk_admin').context)).rejects.toThrow(/limited to some workspaces/);
  });
});
