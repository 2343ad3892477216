export * from './catalog';
export * from './errors';
export * from './json';
export * from './snapshot';
