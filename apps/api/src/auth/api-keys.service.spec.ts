import { ApiConfig } from '@app/config';
import { ConflictError, NotFoundError, ValidationError } from '@app/core';
import { ApiKeyRecord, ApiKeyRepository, hashApiKey, WorkspaceRecord, WorkspaceRepository } from '@app/store';
import { Mocked, newTestService } from '../../../../test/support/new-test-service';
import { ApiKeysService } from './api-keys.service';

const ID = '11111111-1111-4111-8111-111111111111';
const WS = '22222222-2222-4222-8222-222222222222';
const BOOTSTRAP = 'sbk_bootstrap_key_0123456789abcdef';

describe('ApiKeysService', () => {
  let sut: ApiKeysService;
  let keys: Mocked<ApiKeyRepository>;
  let workspaces: Mocked<WorkspaceRepository>;

  beforeEach(async () => {
    const config = Object.assign(new ApiConfig(), { adminApiKey: BOOTSTRAP });
    const service = await newTestService(ApiKeysService, [{ provide: ApiConfig, useValue: config }]);
    sut = service.sut;
    keys = service.mock(ApiKeyRepository);
    workspaces = service.mock(WorkspaceRepository);
    keys.find.mockResolvedValue({ id: ID, hash: 'other', revokedAt: null } as ApiKeyRecord);
  });

  it('creates a key with a name and a role', async () => {
    const created = { record: { id: ID, role: 'viewer' } as ApiKeyRecord, key: 'sbk_x' };
    keys.create.mockResolvedValue(created);
    expect(await sut.create('ci', 'viewer')).toBe(created);
    expect(keys.create).toHaveBeenCalledWith('ci', 'viewer');
  });

  it('scopes a key to workspaces given by id or name, stored as ids', async () => {
    workspaces.byIdOrName.mockResolvedValue({ id: WS } as WorkspaceRecord);
    await sut.create('ci', 'operator', [WS, 'staging']);
    expect(workspaces.byIdOrName).toHaveBeenCalledWith('staging', 'workspaces[1]');
    expect(keys.create).toHaveBeenCalledWith('ci', 'operator', { workspaces: [WS] });
  });

  it('refuses an empty scope (400 naming workspaces) and an unknown workspace (400 naming it)', async () => {
    await expect(sut.create('ci', 'viewer', [])).rejects.toMatchObject({ field: 'workspaces' });
    workspaces.byIdOrName.mockRejectedValue(new ValidationError('workspaces[0]', 'no such workspace'));
    await expect(sut.create('ci', 'viewer', ['nope'])).rejects.toMatchObject({ field: 'workspaces[0]' });
    expect(keys.create).not.toHaveBeenCalled();
  });

  it('revokes an active key', async () => {
    keys.revokeUnlessLastAdmin.mockResolvedValue('revoked');
    await expect(sut.revoke(ID)).resolves.toBeUndefined();
    expect(keys.revokeUnlessLastAdmin).toHaveBeenCalledWith(ID);
  });

  it('a key that is unknown or already revoked is a 404 naming it', async () => {
    keys.revokeUnlessLastAdmin.mockResolvedValue('not-found');
    const error = await sut.revoke(ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ message: `No active API key '${ID}'`, details: { id: ID } });
  });

  it('refuses to revoke the last active admin key (409)', async () => {
    keys.revokeUnlessLastAdmin.mockResolvedValue('last-admin');
    await expect(sut.revoke(ID)).rejects.toBeInstanceOf(ConflictError);
  });

  it("refuses to revoke ADMIN_API_KEY's record while it is configured (409)", async () => {
    keys.find.mockResolvedValue({ id: ID, hash: hashApiKey(BOOTSTRAP), revokedAt: null } as ApiKeyRecord);
    await expect(sut.revoke(ID)).rejects.toThrow(/ADMIN_API_KEY/);
    expect(keys.revokeUnlessLastAdmin).not.toHaveBeenCalled();
  });
});
