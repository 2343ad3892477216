export * from './segment-catalog';
export * from './catalog.module';
export * from './functions.kinds';
export * from './helpers';
