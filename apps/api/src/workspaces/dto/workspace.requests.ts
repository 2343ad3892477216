import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsString, IsUrl, Length, Matches, Max, Min, ValidateBy, ValidateIf } from 'class-validator';
import { IsOptionalNotNull } from '../../common/optional';
import { IsCron, IsTimeZone } from '../schedule.validators';
import { Region, REGION_NAMES } from '../regions';

const TOKEN = /^\S+$/;
/** Anything shaped like a UUID: references take a UUID for an id, so a name must never look like one. */
const UUID_SHAPED = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const NotUuidShaped = () =>
  ValidateBy({
    name: 'notUuidShaped',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !UUID_SHAPED.test(value.trim()),
      defaultMessage: () => 'name must not be a UUID: workspaces are referred to by id or name, and a UUID is read as an id',
    },
  });

/** 100 years: beyond, a number the column cannot hold is only a matter of digits. */
const MAX_RETENTION_DAYS = 36_500;

export class CreateWorkspaceRequest {
  @ApiProperty({ example: 'production' })
  @IsString({ message: 'name must be a string' })
  @Length(1, 100, { message: 'name must be 1–100 characters' })
  @NotUuidShaped()
  name!: string;

  @ApiProperty({
    example: 'sgp_XXXXXXXXXXXXXXXXXXXXXXXX',
    description: 'Segment Public API token; stored encrypted, never returned',
    writeOnly: true,
  })
  @IsString({ message: 'token must be a string' })
  @Length(1, 4096, { message: 'token must not be empty' })
  @Matches(TOKEN, { message: 'token must not be empty or contain spaces' })
  token!: string;

  @ApiPropertyOptional({
    example: 'https://api.segmentapis.com',
    description: 'API base URL (the built-in simulator, a proxy); exclusive with region',
  })
  @IsOptionalNotNull()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'baseUrl must be an http(s) URL' })
  baseUrl?: string;

  @ApiPropertyOptional({ example: 'us', enum: REGION_NAMES, default: 'us' })
  @IsOptionalNotNull()
  @IsIn(REGION_NAMES, { message: `region must be one of ${REGION_NAMES.join(', ')}` })
  region?: Region;

  @ApiPropertyOptional({ example: '0 2 * * *', default: '0 2 * * *' })
  @IsOptionalNotNull()
  @IsCron()
  schedule?: string;

  @ApiPropertyOptional({ example: 'Europe/Paris', default: 'UTC' })
  @IsOptionalNotNull()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ example: true, default: true })
  @IsOptionalNotNull()
  @IsBoolean({ message: 'scheduleEnabled must be a boolean' })
  scheduleEnabled?: boolean;

  @ApiPropertyOptional({ example: 60, description: 'Requests per minute this token may make; defaults to SEGMENT_RATE_LIMIT_PER_MINUTE' })
  @IsOptionalNotNull()
  @IsInt({ message: 'rateLimitPerMinute must be a whole number' })
  @Min(1, { message: 'rateLimitPerMinute must be at least 1' })
  @Max(100_000, { message: 'rateLimitPerMinute must be at most 100000' })
  rateLimitPerMinute?: number;

  @ApiPropertyOptional({ example: 90, description: 'Days of history to keep (recorded; pruning is not enforced yet)' })
  @IsOptionalNotNull()
  @IsInt({ message: 'retentionDays must be a whole number' })
  @Min(1, { message: 'retentionDays must be at least 1' })
  @Max(MAX_RETENTION_DAYS, { message: `retentionDays must be at most ${MAX_RETENTION_DAYS} (100 years)` })
  retentionDays?: number;
}

export class UpdateWorkspaceRequest {
  @ApiPropertyOptional({ example: 'production' })
  @IsOptionalNotNull()
  @IsString({ message: 'name must be a string' })
  @Length(1, 100, { message: 'name must be 1–100 characters' })
  @NotUuidShaped()
  name?: string;

  @ApiPropertyOptional({ example: 'sgp_XXXXXXXXXXXXXXXXXXXXXXXX', writeOnly: true })
  @IsOptionalNotNull()
  @IsString({ message: 'token must be a string' })
  @Length(1, 4096, { message: 'token must not be empty' })
  @Matches(TOKEN, { message: 'token must not be empty or contain spaces' })
  token?: string;

  @ApiPropertyOptional({ example: 'https://api.segmentapis.com' })
  @IsOptionalNotNull()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'baseUrl must be an http(s) URL' })
  baseUrl?: string;

  @ApiPropertyOptional({ example: 'us', enum: REGION_NAMES })
  @IsOptionalNotNull()
  @IsIn(REGION_NAMES, { message: `region must be one of ${REGION_NAMES.join(', ')}` })
  region?: Region;

  @ApiPropertyOptional({ example: '0 2 * * *' })
  @IsOptionalNotNull()
  @IsCron()
  schedule?: string;

  @ApiPropertyOptional({ example: 'UTC' })
  @IsOptionalNotNull()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ example: true })
  @IsOptionalNotNull()
  @IsBoolean({ message: 'scheduleEnabled must be a boolean' })
  scheduleEnabled?: boolean;

  @ApiPropertyOptional({ example: 60, type: Number, nullable: true, description: 'null goes back to SEGMENT_RATE_LIMIT_PER_MINUTE' })
  @ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null)
  @IsInt({ message: 'rateLimitPerMinute must be a whole number' })
  @Min(1, { message: 'rateLimitPerMinute must be at least 1' })
  @Max(100_000, { message: 'rateLimitPerMinute must be at most 100000' })
  rateLimitPerMinute?: number | null;

  @ApiPropertyOptional({ example: 90 })
  @IsOptionalNotNull()
  @IsInt({ message: 'retentionDays must be a whole number' })
  @Min(1, { message: 'retentionDays must be at least 1' })
  @Max(MAX_RETENTION_DAYS, { message: `retentionDays must be at most ${MAX_RETENTION_DAYS} (100 years)` })
  retentionDays?: number;
}
