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

export interface NotificationEvent {
  event: NotificationEventName;
  /** The workspace it is about: channels of that workspace and global channels receive it. */
  workspaceId: string;
  workspaceName: string;
  /**
   * Identifies the occurrence: a second notify with the same key (a retried job, a check that
   * runs every minute) delivers nothing new. For example `snapshot.failed:<snapshot id>`,
   * `snapshot.missed:<workspace id>:<window>`, `rule.fired:<rule id>:<snapshot id>`.
   */
  dedupKey: string;
  /** One line a person reads first (the Slack text, the e-mail subject). */
  title: string;
  /** The facts, as JSON: ids, counts, errors, what is left undone. Never a secret. */
  details: Record<string, unknown>;
  at: Date;
}

/** Where events go: implemented by the notifications module (records and queues deliveries). */
export abstract class Notifier {
  abstract notify(event: NotificationEvent): Promise<void>;
}
