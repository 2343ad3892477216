import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { DATE_TIME, nullable, PageResponse } from '../../common/api-docs';
import { SnapshotResponse } from '../../snapshots/dto/snapshot.responses';
import { REGION_NAMES } from '../regions';

/** The Segment workspace behind it, once a snapshot has read it (inline: a nullable `$ref` does not validate in OpenAPI 3.0). */
const SEGMENT_WORKSPACE: ApiPropertyOptions = {
  type: 'object',
  nullable: true,
  description: 'null until a snapshot has read it',
  properties: {
    workspaceId: { type: 'string', description: "Segment's id of the workspace" },
    slug: { type: 'string', nullable: true, example: 'acme-staging' },
    simulatorInstanceId: {
      type: 'string',
      nullable: true,
      description: "The built-in simulator's instance it was first read from (null for Segment)",
    },
  },
  required: ['workspaceId', 'slug', 'simulatorInstanceId'],
  additionalProperties: false,
  example: { workspaceId: 'wks_9xYz2AbC', slug: 'acme-staging', simulatorInstanceId: null },
};

/** A workspace as the API shows it: never its token, only whether one is set. */
export class WorkspaceResponse {
  @ApiProperty({ example: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60', format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'production' })
  name!: string;

  @ApiProperty({ example: 'segment' })
  provider!: string;

  @ApiProperty({ example: 'https://api.segmentapis.com' })
  baseUrl!: string;

  @ApiProperty({ type: String, nullable: true, example: 'us', description: `${REGION_NAMES.join(' or ')}; null for an explicit base URL` })
  region!: string | null;

  @ApiProperty({ example: true, description: 'A token is stored (encrypted); false once archived' })
  tokenSet!: boolean;

  @ApiProperty({ example: '0 2 * * *' })
  schedule!: string;

  @ApiProperty({ example: 'UTC' })
  timezone!: string;

  @ApiProperty({ example: true })
  scheduleEnabled!: boolean;

  @ApiProperty({ example: 60, type: Number, nullable: true, description: 'null: SEGMENT_RATE_LIMIT_PER_MINUTE applies' })
  rateLimitPerMinute!: number | null;

  @ApiProperty({ example: 90, type: Number, nullable: true })
  retentionDays!: number | null;

  @ApiProperty(SEGMENT_WORKSPACE)
  segment!: { workspaceId: string; slug: string | null; simulatorInstanceId: string | null } | null;

  @ApiProperty({ description: 'The version of its history (the latest snapshot’s)', example: 3 })
  version!: number;

  @ApiProperty({ example: 'active', enum: ['active', 'archived'] })
  status!: string;

  @ApiProperty({ ...DATE_TIME, nullable: true })
  archivedAt!: string | null;

  @ApiProperty(DATE_TIME)
  createdAt!: string;

  @ApiProperty(DATE_TIME)
  updatedAt!: string;

  @ApiPropertyOptional(
    nullable(SnapshotResponse, 'The latest snapshot, null before the first (GET /workspaces/:id and POST /workspaces only)'),
  )
  lastSnapshot?: SnapshotResponse | null;
}

export class WorkspacePageResponse extends PageResponse {
  @ApiProperty({ type: () => [WorkspaceResponse] })
  items!: WorkspaceResponse[];
}
