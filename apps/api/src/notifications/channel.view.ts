import { NotificationChannelRecord, NotificationDeliveryRecord } from '@app/store';

/**
 * A Slack incoming-webhook URL is stored as its origin only (the whole URL is kept encrypted);
 * the webhook signing secret is never shown, only whether there is one.
 */
const shownUrl = (channel: NotificationChannelRecord): string | null => channel.url;

export const channelView = (channel: NotificationChannelRecord) => ({
  id: channel.id,
  name: channel.name,
  type: channel.type,
  url: shownUrl(channel),
  address: channel.address,
  events: channel.events,
  workspaceId: channel.workspaceId,
  enabled: channel.enabled,
  signed: channel.secret !== null,
  createdAt: channel.createdAt.toISOString(),
  updatedAt: channel.updatedAt.toISOString(),
});

export const deliveryView = (delivery: NotificationDeliveryRecord) => ({
  id: delivery.id,
  eventId: delivery.eventId,
  event: delivery.event,
  workspaceId: delivery.workspaceId,
  channelId: delivery.channelId,
  channel: delivery.channelName,
  status: delivery.status,
  attempts: delivery.attempts,
  lastError: delivery.lastError,
  lastStatus: delivery.lastStatus,
  nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
  deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
  createdAt: delivery.createdAt.toISOString(),
});
