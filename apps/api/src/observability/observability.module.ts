import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { JobsModule } from '@app/jobs';
import { MetricsModule } from '@app/observability';
import { HealthController } from '../health/health.controller';
import { HealthService } from '../health/health.service';
import { MetricsController } from './metrics.controller';
import { QueueBoard } from './queue-board';
import { QueueBoardAuth } from './queue-board.middleware';
import { ScrapeGauges } from './scrape-gauges';

/** What operators watch: /metrics, /health (live and ready), and the queue dashboard at /admin/queues. */
@Module({
  imports: [JobsModule, MetricsModule.forProcess('api'), TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController, MetricsController],
  providers: [HealthService, ScrapeGauges, QueueBoardAuth, QueueBoard],
})
export class ObservabilityApiModule {}
