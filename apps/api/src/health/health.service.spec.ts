import { REDIS } from '@app/jobs';
import { DatabaseHealth } from '@app/store';
import type { Redis } from 'ioredis';
import { typedToken, useTestService } from '../../../../test/support/new-test-service';
import { HealthService } from './health.service';

describe('HealthService', () => {
  const t = useTestService(HealthService, { database: DatabaseHealth, redis: typedToken<Redis>(REDIS) });

  beforeEach(async () => {
    t.database.ping.mockResolvedValue(undefined);
    t.redis.ping.mockResolvedValue('PONG');
  });

  afterEach(() => jest.useRealTimers());

  it('ok when Postgres and Redis both answer', async () => {
    const health = await t.sut.check();
    expect(health).toEqual({
      status: 'ok',
      postgres: { status: 'up', latencyMs: expect.any(Number) },
      redis: { status: 'up', latencyMs: expect.any(Number) },
    });
  });

  it('degraded, with the reason, when one fails', async () => {
    t.database.ping.mockRejectedValue(new Error('connection refused'));
    expect(await t.sut.check()).toMatchObject({
      status: 'degraded',
      postgres: { status: 'down', error: 'connection refused' },
      redis: { status: 'up' },
    });
  });

  it('degraded when one does not answer within two seconds', async () => {
    jest.useFakeTimers();
    t.redis.ping.mockReturnValue(new Promise<'PONG'>(() => undefined));
    const check = t.sut.check();
    await jest.advanceTimersByTimeAsync(2000);
    expect(await check).toMatchObject({ status: 'degraded', redis: { status: 'down', error: 'no answer within 2000 ms' } });
  });
});
