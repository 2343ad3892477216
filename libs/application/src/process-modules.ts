import { CatalogModule } from '@app/catalog';
import { DynamicModule, Type } from '@nestjs/common';
import { AppConfigModule, ProcessConfig } from '@app/config';
import { JobsModule } from '@app/jobs';
import { StoreModule } from '@app/store';
import { ApplicationModule } from './application.module';

/**
 * What every process of the product imports, in one place: its validated configuration, the kind
 * catalog, the store, the queues and the shared use cases.
 */
export function processModules(config: ProcessConfig | NodeJS.ProcessEnv): Array<Type | DynamicModule> {
  return [AppConfigModule.forRoot(config), CatalogModule, StoreModule, JobsModule, ApplicationModule];
}
