export * from './at';
export * from './schedule';
