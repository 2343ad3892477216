import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { REDIS } from '@app/jobs';
import { PrismaService } from '@app/store';
import { Public } from '../auth/auth.decorators';

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** Liveness and readiness: 200 when Postgres and Redis both answer, 503 otherwise. */
  @Public()
  @Get()
  async check(@Res() response: Response): Promise<void> {
    const probe = async (check: () => Promise<unknown>) => {
      const started = Date.now();
      try {
        await within(check(), 2000);
        return { status: 'up', latencyMs: Date.now() - started };
      } catch (error) {
        return { status: 'down', error: (error as Error).message };
      }
    };
    const [postgres, redis] = await Promise.all([probe(() => this.prisma.$queryRawUnsafe('SELECT 1')), probe(() => this.redis.ping())]);
    const ok = postgres.status === 'up' && redis.status === 'up';
    response.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: ok ? 'ok' : 'degraded', postgres, redis });
  }
}
