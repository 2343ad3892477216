import { Global, Module } from '@nestjs/common';
import { KIND_CATALOG } from '@app/core';
import { SEGMENT_CATALOG } from './segment-catalog';

/** Provides the kind catalog to every module (the store's state reader, the planners). */
@Global()
@Module({ providers: [{ provide: KIND_CATALOG, useValue: SEGMENT_CATALOG }], exports: [KIND_CATALOG] })
export class CatalogModule {}
