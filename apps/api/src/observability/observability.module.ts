import { DynamicModule, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { TerminusModule } from '@nestjs/terminus';
import { JobsModule } from '@app/jobs';
import { LoggingModule, MetricsModule } from '@app/observability';
import { HealthController } from '../health/health.controller';
import { HealthService } from '../health/health.service';
import { MetricsController } from './metrics.controller';
import { QueueBoard } from './queue-board';
import { QueueBoardAuth } from './queue-board.middleware';
import { ScrapeGauges } from './scrape-gauges';

/** What operators watch: structured logs, /metrics, /health (live and ready), the queue dashboard at /admin/queues. */
@Module({})
export class ObservabilityApiModule {
  static register(logDestination?: DestinationStream): DynamicModule {
    return {
      module: ObservabilityApiModule,
      imports: [
        JobsModule,
        LoggingModule.forProcess('api', logDestination),
        MetricsModule.forProcess('api'),
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [HealthService, ScrapeGauges, QueueBoardAuth, QueueBoard],
    };
  }
}
