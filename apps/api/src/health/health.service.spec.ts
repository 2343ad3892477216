import { REDIS } from '@app/jobs';
import { DatabaseHealth } from '@app/store';
import type { Redis } from 'ioredis';
import { Mocked, newTestService } from '../../../../test/support/new-test-service';
import { HealthService } from './health.service';

describe('HealthService', () => {
  let sut: HealthService;
  let database: Mocked<DatabaseHealth>;
  let redis: Mocked<Redis>;

  beforeEach(async () => {
    const service = await newTestService(HealthService);
    sut = service.sut;
    database = service.mock(DatabaseHealth);
    redis = service.mock<Redis>(REDIS);
    database.ping.mockResolvedValue(undefined);
    redis.ping.mockResolvedValue('PONG');
  });

  afterEach(() => jest.useRealTimers());

  it('ok when Postgres and Redis both answer', async () => {
    const health = await sut.check();
    expect(health).toEqual({
      status: 'ok',
      postgres: { status: 'up', latencyMs: expect.any(Number) },
      redis: { status: 'up', latencyMs: expect.any(Number) },
    });
  });

  it('degraded, with the reason, when one fails', async () => {
    database.ping.mockRejectedValue(new Error('connection refused'));
    expect(await sut.check()).toMatchObject({
      status: 'degraded',
      postgres: { status: 'down', error: 'connection refused' },
      redis: { status: 'up' },
    });
  });

  it('degraded when one does not answer within two seconds', async () => {
    jest.useFakeTimers();
    redis.ping.mockReturnValue(new Promise<'PONG'>(() => undefined));
    const check = sut.check();
    await jest.advanceTimersByTimeAsync(2000);
    expect(await check).toMatchObject({ status: 'degraded', redis: { status: 'down', error: 'no answer within 2000 ms' } });
  });
});
