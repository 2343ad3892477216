import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { HealthResponse } from './dto/health.responses';
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
  @ApiOperation({ summary: 'Postgres and Redis reachability (200 ok, 503 degraded)', description: 'No API key needed.' })
  @ApiOkResponse({ type: HealthResponse, description: 'Both answer' })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'One of them does not answer (status degraded)' })
  async check(@Res() response: Response): Promise<void> {
    const health = await this.health.check();
    response.status(health.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(health);
  }

  /** The process answers: restart it when this fails. Checks nothing else on purpose. */
  @Public()
  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the API process answers', description: 'Checks nothing else on purpose. No API key needed.' })
  live(): Promise<HealthCheckResult> {
    return this.terminus.check([]);
  }

  /** Ready to serve: Postgres and Redis answer (503 otherwise); workers alive are counted. */
  @Public()
  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: Postgres, Redis and the number of workers alive (heartbeats)',
    description: 'No worker alive is `degraded` (200): the API serves reads without them. No API key needed.',
  })
  async ready(): Promise<HealthCheckResult> {
    const dependencies = await this.health.dependencies();
    return this.terminus.check([...dependencies.map((result) => () => result), () => this.health.workers()]);
  }
}
