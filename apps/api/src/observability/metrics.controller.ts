import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs';
import type { Response } from 'express';
import { ProcessMetrics } from '@app/observability';

@ApiTags('observability')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: ProcessMetrics) {}

  /** Prometheus text; any API key may read it (Prometheus sends it as `authorization: Bearer`). */
  @Get()
  @ApiOperation({ summary: 'Prometheus metrics of the API process, with the per-workspace backup gauges' })
  @ApiOkResponse({ description: 'Prometheus exposition format 0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiErrors(401)
  @Header('cache-control', 'no-store')
  async scrape(@Res() response: Response): Promise<void> {
    response.type(this.metrics.contentType).send(await this.metrics.text());
  }
}
