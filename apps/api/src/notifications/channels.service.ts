import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { outboundUrlProblem } from '@app/application';
import { NotificationConfig } from '@app/config';
import { ValidationError } from '@app/core';
import {
  ChannelType,
  NotificationChannelChanges,
  NotificationChannelRecord,
  NotificationChannelRepository,
  TokenCipher,
  WorkspaceRepository,
} from '@app/store';
import { CreateChannelRequest, UpdateChannelRequest } from './dto/channel.requests';

/** The context a channel's secret is encrypted under (the worker decrypts with the same). */
const secretContext = (channelId: string): string => `notification-channel:${channelId}`;

/** What each type needs: an http(s) URL, or an address. */
const NEEDS: Record<ChannelType, { field: 'url' | 'address'; other: 'url' | 'address'; signed: boolean }> = {
  webhook: { field: 'url', other: 'address', signed: true },
  slack: { field: 'url', other: 'address', signed: false },
  email: { field: 'address', other: 'url', signed: false },
};

type Given = { url?: string; address?: string; secret?: string };

/**
 * A Slack incoming-webhook URL is itself a credential (whoever has it can post): it is kept
 * encrypted in the secret column, and the url column holds only its origin, for people to read.
 */
const SLACK_URL_SHOWN = (url: string) => `${new URL(url).origin}/…`;

/** A new signing secret: `whsec_` and 32 random bytes, base64url. */
const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/**
 * Notification channels: each type's fields checked together (a 400 names the field), the
 * webhook signing secret encrypted at rest and shown only in the answer that creates it.
 */
@Injectable()
export class ChannelsService {
  constructor(
    private readonly channels: NotificationChannelRepository,
    private readonly workspaces: WorkspaceRepository,
    private readonly cipher: TokenCipher,
    private readonly config: NotificationConfig,
  ) {}

  async create(input: CreateChannelRequest): Promise<{ channel: NotificationChannelRecord; secret?: string }> {
    if (input.type === 'email' && !this.config.smtpUrl)
      throw new ValidationError('type', 'type email needs SMTP_URL configured on the server; it is not');
    this.check(input.type, input);
    if (input.workspaceId) await this.checkWorkspace(input.workspaceId);
    const id = randomUUID();
    const secret = NEEDS[input.type].signed ? (input.secret ?? newSecret()) : undefined;
    const sealed = input.type === 'slack' ? input.url : secret;
    const channel = await this.channels.create({
      id,
      name: input.name,
      type: input.type,
      url: input.url === undefined ? null : input.type === 'slack' ? SLACK_URL_SHOWN(input.url) : input.url,
      address: input.address ?? null,
      events: input.events,
      workspaceId: input.workspaceId ?? null,
      secret: sealed ? this.cipher.encrypt(sealed, secretContext(id)) : null,
      enabled: input.enabled ?? true,
    });
    return { channel, secret };
  }

  list(): Promise<NotificationChannelRecord[]> {
    return this.channels.list();
  }

  get(id: string): Promise<NotificationChannelRecord> {
    return this.channels.get(id);
  }

  async update(id: string, input: UpdateChannelRequest): Promise<NotificationChannelRecord> {
    const current = await this.channels.get(id);
    this.check(current.type, input, current);
    if (input.workspaceId) await this.checkWorkspace(input.workspaceId);
    const changes: NotificationChannelChanges = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.url !== undefined && current.type !== 'slack' ? { url: input.url } : {}),
      ...(input.url !== undefined && current.type === 'slack'
        ? { url: SLACK_URL_SHOWN(input.url), secret: this.cipher.encrypt(input.url, secretContext(id)) }
        : {}),
      ...(input.address !== undefined ? { address: input.address } : {}),
      ...(input.events !== undefined ? { events: input.events } : {}),
      ...(input.workspaceId !== undefined ? { workspaceId: input.workspaceId } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      ...(input.secret !== undefined ? { secret: this.cipher.encrypt(input.secret, secretContext(id)) } : {}),
    };
    return this.channels.update(id, changes);
  }

  remove(id: string): Promise<void> {
    return this.channels.delete(id);
  }

  /**
   * The type's own field present (given now or kept from before) and valid; the other type's field
   * not given; a secret only for webhooks. Each refusal names its field.
   */
  private check(type: ChannelType, given: Given, kept: { url?: string | null; address?: string | null } = {}): void {
    const needs = NEEDS[type];
    if (given[needs.other] !== undefined)
      throw new ValidationError(needs.other, `${needs.other} is not used by ${type} channels (they use ${needs.field})`);
    if ((given[needs.field] ?? kept[needs.field] ?? undefined) === undefined)
      throw new ValidationError(needs.field, `${needs.field} is required for ${type} channels`);
    const problem = given.url === undefined ? undefined : outboundUrlProblem(given.url, this.config.httpAllowedHosts);
    if (problem) throw new ValidationError('url', problem);
    if (given.secret !== undefined && !needs.signed)
      throw new ValidationError('secret', `secret is only for webhook channels, not ${type}`);
  }

  private async checkWorkspace(workspaceId: string): Promise<void> {
    const workspace = await this.workspaces.find(workspaceId).catch(() => null);
    if (!workspace || workspace.archivedAt) throw new ValidationError('workspaceId', `workspaceId names no workspace ('${workspaceId}')`);
  }
}
