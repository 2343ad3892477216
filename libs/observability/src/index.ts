export * from './health/probe';
export * from './health/worker-heartbeat';
export * from './metrics.module';
export * from './process-metrics';
export * from './logging/log-options';
export * from './logging/logging.module';
