import { DynamicModule, Global, Module } from '@nestjs/common';
import { BootstrapConfig } from './bootstrap.config';
import { ProcessConfig } from './process-config';
import { SecurityConfig } from './security.config';
import { SegmentConfig } from './segment.config';
import { SegmentHosts } from './segment-hosts';

/**
 * Provides each configuration class as an injectable, from a ProcessConfig loaded at start (every
 * problem of every class reported together). Tests pass `env` to run isolated instances side by side.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(source: ProcessConfig | NodeJS.ProcessEnv = process.env): DynamicModule {
    const config = source instanceof ProcessConfig ? source : ProcessConfig.load(source);
    const entries = config.entries();
    return {
      module: AppConfigModule,
      providers: [
        ...entries.map(([type, value]) => ({ provide: type, useValue: value })),
        {
          provide: SegmentHosts,
          useValue: SegmentHosts.from(config.get(SegmentConfig), config.get(SecurityConfig), config.get(BootstrapConfig)),
        },
      ],
      exports: [...entries.map(([type]) => type), SegmentHosts],
    };
  }
}
