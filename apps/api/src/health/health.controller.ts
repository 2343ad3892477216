import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly terminus: HealthCheckService,
  ) {}

  /** Postgres and Redis in one answer: 200 when both answer, 503 otherwise. */
  @Public()
  @Get()
  @ApiOperation({ summary: 'Postgres and Redis reachability (200 ok, 503 degraded)' })
  async check(@Res() response: Response): Promise<void> {
    const health = await this.health.check();
    response.status(health.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(health);
  }

  /** The process answers: restart it when this fails. Checks nothing else on purpose. */
  @Public()
  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the API process answers' })
  live(): Promise<HealthCheckResult> {
    return this.terminus.check([]);
  }

  /** Ready to serve: Postgres and Redis answer (503 otherwise); workers alive are counted. */
  @Public()
  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: Postgres, Redis and the number of workers alive (heartbeats)' })
  async ready(): Promise<HealthCheckResult> {
    const dependencies = await this.health.dependencies();
    return this.terminus.check([...dependencies.map((result) => () => result), () => this.health.workers()]);
  }
}
