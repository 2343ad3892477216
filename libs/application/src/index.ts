export * from './application.module';
export * from './snapshots/snapshot-requester';
