export * from './health/probe';
export * from './health/worker-heartbeat';
export * from './metrics.module';
export * from './process-metrics';
