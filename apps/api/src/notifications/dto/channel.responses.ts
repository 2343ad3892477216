import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NOTIFICATION_EVENTS } from '@app/application';
import { CHANNEL_TYPES, DELIVERY_STATUSES } from '@app/store';
import { DATE_TIME, PageResponse } from '../../common/api-docs';

/** A notification channel as the API shows it: never its secret, a Slack URL as its origin only. */
export class ChannelResponse {
  @ApiProperty({ example: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60', format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'ops-webhook' })
  name!: string;

  @ApiProperty({ example: 'webhook', enum: [...CHANNEL_TYPES] })
  type!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Webhook: the URL; Slack: its origin only (the URL is a credential); e-mail: null',
    example: 'https://hooks.example.com/backup',
  })
  url!: string | null;

  @ApiProperty({
    example: 'oncall@example.com',
    type: String,
    nullable: true,
    description: 'The recipient of an e-mail channel; null otherwise',
  })
  address!: string | null;

  @ApiProperty({ enum: [...NOTIFICATION_EVENTS], isArray: true, example: ['snapshot.failed', 'plan.partial'] })
  events!: string[];

  @ApiProperty({
    example: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60',
    type: String,
    format: 'uuid',
    nullable: true,
    description: "null: a global channel (every workspace's events)",
  })
  workspaceId!: string | null;

  @ApiProperty({ example: true })
  enabled!: boolean;

  @ApiProperty({ example: true, description: 'Whether deliveries are signed (webhook channels have a signing secret)' })
  signed!: boolean;

  @ApiProperty(DATE_TIME)
  createdAt!: string;

  @ApiProperty(DATE_TIME)
  updatedAt!: string;
}

/** The answer that creates a channel: the only one with a webhook's signing secret. */
export class CreatedChannelResponse extends ChannelResponse {
  @ApiPropertyOptional({ description: 'The signing secret of a webhook channel: in this answer only', example: 'whsec_…' })
  secret?: string;
}

export class ChannelListResponse {
  @ApiProperty({ type: () => [ChannelResponse] })
  items!: ChannelResponse[];
}

/** One event sent to one channel: its attempts, last error and last HTTP status. */
export class DeliveryResponse {
  @ApiProperty({ example: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60', format: 'uuid' })
  id!: string;

  @ApiProperty({
    example: '0b7e9d12-3c4a-4f5e-8a6b-7c8d9e0f1a2b',
    format: 'uuid',
    description: 'The event delivered (the same id on every channel it went to)',
  })
  eventId!: string;

  @ApiProperty({ example: 'snapshot.failed', enum: [...NOTIFICATION_EVENTS] })
  event!: string;

  @ApiProperty({ example: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60', format: 'uuid' })
  workspaceId!: string;

  @ApiProperty({ example: '0b7e9d12-3c4a-4f5e-8a6b-7c8d9e0f1a2b', format: 'uuid' })
  channelId!: string;

  @ApiProperty({ description: 'The channel name', example: 'ops-webhook' })
  channel!: string;

  @ApiProperty({ example: 'pending', enum: [...DELIVERY_STATUSES] })
  status!: string;

  @ApiProperty({ example: 1 })
  attempts!: number;

  @ApiProperty({ example: 'HTTP 502 from https://hooks.example.com', type: String, nullable: true })
  lastError!: string | null;

  @ApiProperty({ example: 502, type: Number, nullable: true, description: 'The HTTP status of the last answer (webhook, Slack)' })
  lastStatus!: number | null;

  @ApiProperty({ ...DATE_TIME, nullable: true })
  nextAttemptAt!: string | null;

  @ApiProperty({ ...DATE_TIME, nullable: true })
  deliveredAt!: string | null;

  @ApiProperty(DATE_TIME)
  createdAt!: string;
}

export class DeliveryPageResponse extends PageResponse {
  @ApiProperty({ type: () => [DeliveryResponse] })
  items!: DeliveryResponse[];
}
