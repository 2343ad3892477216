export * from './blame';
export * from './compare';
export * from './json-patch';
export * from './summary';
export * from './workspace-diff';
export * from './labels';
export * from './timeline';
