export * from './kinds';
export * from './events';
export * from './errors';
export * from './json';
export * from './snapshot';
export * from './history';
export * from './export/export-layout';
export * from './plan';
