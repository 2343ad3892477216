import { Injectable } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import { signWebhook } from '@app/application';
import { NotificationConfig } from '@app/config';
import { ChannelType, NotificationChannelRecord, NotificationEventRecord, TokenCipher } from '@app/store';
import { DeliveryError, postJson } from './http-post';

/** What a send reports: the HTTP status of the answer, when there was one. */
export interface SendResult {
  status: number | null;
}

type Sender = (channel: NotificationChannelRecord, event: NotificationEventRecord) => Promise<SendResult>;

/** The context a channel's secret is encrypted under (a ciphertext copied to another channel does not decrypt). */
export const channelSecretContext = (channelId: string): string => `notification-channel:${channelId}`;

/** What a webhook receives. */
export const webhookPayload = (event: NotificationEventRecord) => ({
  id: event.id,
  event: event.event,
  workspace: { id: event.workspaceId, name: event.workspaceName },
  title: event.title,
  details: event.details,
  at: event.at.toISOString(),
});

/** A few facts in one line each, for Slack and e-mail. */
export function detailLines(details: Record<string, unknown>, limit = 12): string[] {
  return Object.entries(details)
    .slice(0, limit)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`.slice(0, 500));
}

/** Sends an event to a channel of each type: signed webhook, Slack incoming webhook, SMTP. */
@Injectable()
export class ChannelSenders {
  private readonly senders: Record<ChannelType, Sender> = {
    webhook: (channel, event) => this.webhook(channel, event),
    slack: (channel, event) => this.slack(channel, event),
    email: (channel, event) => this.email(channel, event),
  };

  constructor(
    private readonly config: NotificationConfig,
    private readonly cipher: TokenCipher,
  ) {}

  send(channel: NotificationChannelRecord, event: NotificationEventRecord): Promise<SendResult> {
    const sender = this.senders[channel.type];
    if (!sender) throw new DeliveryError(`unknown channel type '${channel.type}'`, null, true);
    return sender(channel, event);
  }

  private http() {
    return { timeoutMs: this.config.timeoutMs, httpAllowedHosts: this.config.httpAllowedHosts };
  }

  private async webhook(channel: NotificationChannelRecord, event: NotificationEventRecord): Promise<SendResult> {
    if (!channel.url || !channel.secret) throw new DeliveryError('the webhook channel has no URL or no signing secret', null, true);
    const secret = this.cipher.decrypt(channel.secret, channelSecretContext(channel.id));
    const body = JSON.stringify(webhookPayload(event));
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = { 'x-signature': signWebhook(secret, timestamp, body), 'x-signature-timestamp': String(timestamp) };
    return { status: await postJson(channel.url, body, headers, this.http()) };
  }

  private async slack(channel: NotificationChannelRecord, event: NotificationEventRecord): Promise<SendResult> {
    // the whole incoming-webhook URL is a credential: kept encrypted, the url column shows its origin
    if (!channel.secret) throw new DeliveryError('the Slack channel has no URL', null, true);
    const url = this.cipher.decrypt(channel.secret, channelSecretContext(channel.id));
    const text = [`*${event.title}*`, ...detailLines(event.details, 6)].join('\n');
    return { status: await postJson(url, JSON.stringify({ text }), {}, this.http()) };
  }

  private async email(channel: NotificationChannelRecord, event: NotificationEventRecord): Promise<SendResult> {
    if (!this.config.smtpUrl) throw new DeliveryError('SMTP_URL is not configured: e-mail cannot be sent', null, true);
    if (!channel.address) throw new DeliveryError('the e-mail channel has no address', null, true);
    const timeout = this.config.timeoutMs;
    const transport = createTransport({
      url: this.config.smtpUrl,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
    try {
      const text = [
        event.title,
        '',
        `Workspace: ${event.workspaceName} (${event.workspaceId})`,
        `Event: ${event.event} at ${event.at.toISOString()}`,
        '',
        JSON.stringify(event.details, null, 2),
      ].join('\n');
      await transport.sendMail({ from: this.config.smtpFrom, to: channel.address, subject: event.title, text });
      return { status: null };
    } catch (error) {
      throw new DeliveryError(`SMTP: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      transport.close();
    }
  }
}
