import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsString,
  IsUUID,
  Length,
  Matches,
} from 'class-validator';
import { NOTIFICATION_EVENTS, NotificationEventName } from '@app/application';
import { CHANNEL_TYPES, ChannelType } from '@app/store';
import { IsOptionalNotNull } from '../../common/optional';

/** Postgres refuses NUL characters in text: a 400 here, not a 500 there. */
const NO_NUL = new RegExp(`^[^${String.fromCharCode(0)}]*$`);
const PRINTABLE = /^[\x21-\x7e]+$/;

/** Fields both requests share, each optional here (create makes some of them required). */
class ChannelFields {
  @ApiPropertyOptional({
    example: 'https://hooks.example.com/segment-backup',
    description: 'Where webhook and Slack channels POST: https, or http to a host in NOTIFY_HTTP_ALLOWLIST',
  })
  @IsOptionalNotNull()
  @IsString({ message: 'url must be an http(s) URL' })
  @Length(1, 2048, { message: 'url must be 1–2048 characters' })
  @Matches(PRINTABLE, { message: 'url must not contain spaces or control characters' })
  url?: string;

  @ApiPropertyOptional({ description: 'The recipient of an email channel', example: 'oncall@example.com' })
  @IsOptionalNotNull()
  @IsString({ message: 'address must be an e-mail address' })
  @Length(3, 320, { message: 'address must be 3–320 characters' })
  @IsEmail({}, { message: 'address must be an e-mail address' })
  address?: string;

  @ApiPropertyOptional({
    description: 'Signing secret of a webhook channel (16–256 printable characters); generated when not given. Never returned afterwards',
    writeOnly: true,
    example: 'whsec_3f9a1c7e2b8d4f60',
  })
  @IsOptionalNotNull()
  @IsString({ message: 'secret must be a string' })
  @Length(16, 256, { message: 'secret must be 16–256 characters' })
  @Matches(PRINTABLE, { message: 'secret must be printable characters without spaces' })
  secret?: string;

  @ApiPropertyOptional({ default: true, example: true })
  @IsOptionalNotNull()
  @IsBoolean({ message: 'enabled must be a boolean' })
  enabled?: boolean;
}

export class CreateChannelRequest extends ChannelFields {
  @ApiProperty({ example: 'ops-webhook' })
  @IsString({ message: 'name must be a string' })
  @Length(1, 100, { message: 'name must be 1–100 characters' })
  @Matches(NO_NUL, { message: 'name must not contain NUL characters' })
  name!: string;

  @ApiProperty({ example: 'webhook', enum: CHANNEL_TYPES })
  @IsIn(CHANNEL_TYPES, { message: `type must be one of ${CHANNEL_TYPES.join(', ')}` })
  type!: ChannelType;

  @ApiProperty({ enum: NOTIFICATION_EVENTS, isArray: true, example: ['snapshot.failed', 'plan.partial'] })
  @IsArray({ message: 'events must be a list of event names' })
  @ArrayMinSize(1, { message: 'events must name at least one event' })
  @ArrayMaxSize(NOTIFICATION_EVENTS.length, { message: `events must list at most ${NOTIFICATION_EVENTS.length} events` })
  @ArrayUnique({ message: 'events must not repeat an event' })
  @IsIn(NOTIFICATION_EVENTS, { each: true, message: `events must be among ${NOTIFICATION_EVENTS.join(', ')}` })
  events!: NotificationEventName[];

  @ApiPropertyOptional({
    example: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60',
    description: "The workspace whose events the channel receives; without it, every workspace's (global)",
  })
  @IsOptionalNotNull()
  @IsUUID('all', { message: 'workspaceId must be a workspace id (a UUID)' })
  workspaceId?: string;
}

export class UpdateChannelRequest extends ChannelFields {
  @ApiPropertyOptional({ example: 'ops-webhook' })
  @IsOptionalNotNull()
  @IsString({ message: 'name must be a string' })
  @Length(1, 100, { message: 'name must be 1–100 characters' })
  @Matches(NO_NUL, { message: 'name must not contain NUL characters' })
  name?: string;

  @ApiPropertyOptional({ example: ['snapshot.failed'], enum: NOTIFICATION_EVENTS, isArray: true })
  @IsOptionalNotNull()
  @IsArray({ message: 'events must be a list of event names' })
  @ArrayMinSize(1, { message: 'events must name at least one event' })
  @ArrayMaxSize(NOTIFICATION_EVENTS.length, { message: `events must list at most ${NOTIFICATION_EVENTS.length} events` })
  @ArrayUnique({ message: 'events must not repeat an event' })
  @IsIn(NOTIFICATION_EVENTS, { each: true, message: `events must be among ${NOTIFICATION_EVENTS.join(', ')}` })
  events?: NotificationEventName[];

  @ApiPropertyOptional({
    example: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60',
    description: 'Moves the channel to another workspace (a global channel stays global only if left out)',
  })
  @IsOptionalNotNull()
  @IsUUID('all', { message: 'workspaceId must be a workspace id (a UUID)' })
  workspaceId?: string;
}
