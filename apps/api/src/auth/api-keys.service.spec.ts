import { NotFoundError } from '@app/core';
import { ApiKeyRecord, ApiKeyRepository } from '@app/store';
import { Mocked, newTestService } from '../../../../test/support/new-test-service';
import { ApiKeysService } from './api-keys.service';

const ID = '11111111-1111-4111-8111-111111111111';

describe('ApiKeysService', () => {
  let sut: ApiKeysService;
  let keys: Mocked<ApiKeyRepository>;

  beforeEach(async () => {
    const service = await newTestService(ApiKeysService);
    sut = service.sut;
    keys = service.mock(ApiKeyRepository);
  });

  it('creates a key with a name and a role', async () => {
    const created = { record: { id: ID, role: 'viewer' } as ApiKeyRecord, key: 'sbk_x' };
    keys.create.mockResolvedValue(created);
    expect(await sut.create('ci', 'viewer')).toBe(created);
    expect(keys.create).toHaveBeenCalledWith('ci', 'viewer');
  });

  it('revokes an active key', async () => {
    keys.revoke.mockResolvedValue(true);
    await expect(sut.revoke(ID)).resolves.toBeUndefined();
    expect(keys.revoke).toHaveBeenCalledWith(ID);
  });

  it('a key that is unknown or already revoked is a 404 naming it', async () => {
    keys.revoke.mockResolvedValue(false);
    const error = await sut.revoke(ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ message: `No active API key '${ID}'`, details: { id: ID } });
  });
});
