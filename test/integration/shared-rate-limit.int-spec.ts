import { join } from 'node:path';
import { Redis } from 'ioredis';
import { SEGMENT_CATALOG } from '../../libs/catalog/src';
import { SegmentClient, SharedRateLimiter, WorkspaceReader } from '../../libs/segment/src';
import { TestContext } from '../support/test-context';
import type { SimulatorProcess } from '../../apps/segment-sim/src/sim-process';

// the built simulator (npm test builds first), in a process of its own so that it keeps its own time;
// required from dist on purpose: the spawned process runs the compiled file, not this source
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { spawnSimulator } = require(
  join(__dirname, '..', '..', 'dist', 'apps', 'segment-sim', 'src', 'sim-process.js'),
) as typeof import('../../apps/segment-sim/src/sim-process');

/**
 * Several worker processes share one Segment token's limit through Redis. Two readers with their
 * own Redis connections (as two processes would have) read the same workspace at once against a
 * simulator (in its own process) enforcing 40 requests a "minute" (one second, time-scaled). The
 * limiter grants at most its limit in any sliding window; what reaches Segment also carries the
 * jitter between taking a slot and arriving, so the client limit is set with headroom (30 for 40),
 * as one sets it under Segment's in production.
 */
describe('rate limits shared through Redis', () => {
  let ctx: TestContext;
  let sim: SimulatorProcess;
  const connections: Redis[] = [];
  const stats = async () =>
    (await fetch(`${sim.url}/__sim/stats`).then((r) => r.json())) as { total: number; byStatus: Record<string, number> };
  const resetStats = () => fetch(`${sim.url}/__sim/stats`, { method: 'DELETE' });

  beforeAll(async () => {
    ctx = await TestContext.create('shared-rate-limit');
    sim = await spawnSimulator({
      SIM_SIZE: '120',
      SIM_RATE_LIMIT_ENABLED: 'true',
      SIM_RATE_LIMIT: '40',
      SIM_TIME_SCALE: '60',
      SIM_LOG: 'info',
    });
  });
  afterAll(async () => {
    connections.forEach((c) => c.disconnect());
    await sim?.stop();
    await ctx.close();
  });

  function reader(prefix: string) {
    const redis = new Redis(ctx.redisUrl);
    connections.push(redis);
    const limiter = new SharedRateLimiter(redis, { prefix, timeScale: 60 });
    const client = new SegmentClient({
      baseUrl: sim.url,
      token: 'sim_staging',
      limits: { tokenKey: 'fingerprint-of-sim-staging', perMinute: 30 },
      rateLimiter: limiter,
      concurrency: 4,
      retry: { maxAttempts: 3, maxRateLimited: 50, baseDelayMs: 10, maxDelayMs: 100 },
    });
    return new WorkspaceReader(client, SEGMENT_CATALOG);
  }

  it('keeps two processes together under the token limit: Segment never answers 429', async () => {
    await resetStats();
    const [a, b] = await Promise.all([reader(ctx.redisPrefix).read(), reader(ctx.redisPrefix).read()]);
    expect(a.items.get('destination')!.length).toBe(b.items.get('destination')!.length);
    const counted = await stats();
    expect(counted.total).toBeGreaterThan(80);
    expect(counted.byStatus['429'] ?? 0).toBe(0);
  });

  it('grants at most its limit in any sliding window, across limiters sharing Redis', async () => {
    const granted: number[] = [];
    const limiters = [0, 1].map(() => {
      const redis = new Redis(ctx.redisUrl);
      connections.push(redis);
      return new SharedRateLimiter(redis, { prefix: `${ctx.redisPrefix}-exact`, timeScale: 60, onGrant: (at) => granted.push(at) });
    });
    await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        limiters[i % 2]!.acquire({ tokenKey: 'exact', perMinute: 25 }, i % 4 === 0 ? 'tracking-plan-rules-read' : undefined),
      ),
    );
    granted.sort((a, b) => a - b);
    let most = 0;
    for (let i = 0, j = 0; i < granted.length; i++) {
      while (granted[i]! - granted[j]! >= 1000) j++;
      most = Math.max(most, i - j + 1);
    }
    // one "minute" lasts a second here, measured on Redis's own clock
    expect(granted).toHaveLength(120);
    expect(most).toBe(25);
  });

  it('would exceed it with limiters that do not share (so the first test can fail)', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await resetStats();
    await Promise.all([reader(`${ctx.redisPrefix}-a`).read(), reader(`${ctx.redisPrefix}-b`).read()]);
    expect((await stats()).byStatus['429'] ?? 0).toBeGreaterThan(0);
  });
});
