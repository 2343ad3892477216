import { DynamicModule, Global, Module } from '@nestjs/common';
import { ProcessMetrics } from './process-metrics';

/** One ProcessMetrics per process (per app in tests), injectable everywhere. */
@Global()
@Module({})
export class MetricsModule {
  static forProcess(processName: 'api' | 'worker'): DynamicModule {
    return {
      module: MetricsModule,
      providers: [{ provide: ProcessMetrics, useFactory: () => new ProcessMetrics(processName) }],
      exports: [ProcessMetrics],
    };
  }
}
