export * from './at';
export * from './schedule';
export * from './schedule-interval';
export * from './missed-window';
