import type { NewNotificationEvent } from '@app/store';

/**
 * What the product tells people about, without their asking: the events a notification channel
 * subscribes to. Emitted by the worker (snapshots, plans, rules, the missed-backup check) through
 * a Notifier; delivered by queued jobs with retries, one delivery per channel and event.
 */
export const NOTIFICATION_EVENTS = [
  'snapshot.failed',
  'snapshot.missed',
  'plan.ready',
  'plan.completed',
  'plan.partial',
  'plan.failed',
  'rule.fired',
] as const;
export type NotificationEventName = (typeof NOTIFICATION_EVENTS)[number];

/**
 * One occurrence: the workspace it is about (its channels and global ones receive it), a
 * `dedupKey` that identifies it (a second notify with the same key delivers nothing new: for
 * example `snapshot.failed:<snapshot id>`, `snapshot.missed:<workspace id>:<window>`,
 * `rule.fired:<rule id>:<snapshot id>`), a `title` a person reads first (the Slack text, the
 * e-mail subject) and `details` as JSON (ids, counts, errors, what is left undone; never a secret).
 */
export interface NotificationEvent extends Omit<NewNotificationEvent, 'event'> {
  event: NotificationEventName;
}

/** Where events go: implemented by the notifications module (records and queues deliveries). */
export abstract class Notifier {
  abstract notify(event: NotificationEvent): Promise<void>;
}
