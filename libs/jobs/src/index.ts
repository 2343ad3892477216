export * from './jobs.module';
export * from './queues';
export * from './redis-connection';
export * from './workspace-lock';
export * from './snapshot-queue';
export * from './redis.provider';
export * from './plan-requester';
export * from './worker-options';
