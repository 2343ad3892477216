export * from './application.module';
export * from './snapshots/snapshot-requester';
export * from './notifications/notification-event';
export * from './notifications/outbox-notifier';
export * from './process-modules';
export * from './notifications/channel-match';
export * from './notifications/webhook-signature';
export * from './notifications/outbound-url';
