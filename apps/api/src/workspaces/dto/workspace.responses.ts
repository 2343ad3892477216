import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DATE_TIME, PageResponse } from '../../common/api-docs';
import { SnapshotResponse } from '../../snapshots/dto/snapshot.responses';
import { REGION_NAMES } from '../regions';

/** The Segment workspace behind it, once a snapshot has read it. */
export class SegmentWorkspaceResponse {
  @ApiProperty({ description: "Segment's id of the workspace" })
  workspaceId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'acme-staging' })
  slug!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The built-in simulator's instance it was first read from (null for Segment)" })
  simulatorInstanceId!: string | null;
}

/** A workspace as the API shows it: never its token, only whether one is set. */
export class WorkspaceResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'production' })
  name!: string;

  @ApiProperty({ example: 'segment' })
  provider!: string;

  @ApiProperty({ example: 'https://api.segmentapis.com' })
  baseUrl!: string;

  @ApiProperty({ type: String, nullable: true, example: 'us', description: `${REGION_NAMES.join(' or ')}; null for an explicit base URL` })
  region!: string | null;

  @ApiProperty({ description: 'A token is stored (encrypted); false once archived' })
  tokenSet!: boolean;

  @ApiProperty({ example: '0 2 * * *' })
  schedule!: string;

  @ApiProperty({ example: 'UTC' })
  timezone!: string;

  @ApiProperty()
  scheduleEnabled!: boolean;

  @ApiProperty({ type: Number, nullable: true, description: 'null: SEGMENT_RATE_LIMIT_PER_MINUTE applies' })
  rateLimitPerMinute!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  retentionDays!: number | null;

  @ApiProperty({ type: () => SegmentWorkspaceResponse, nullable: true, description: 'null until a snapshot has read it' })
  segment!: SegmentWorkspaceResponse | null;

  @ApiProperty({ description: 'The version of its history (the latest snapshot’s)', example: 3 })
  version!: number;

  @ApiProperty({ enum: ['active', 'archived'] })
  status!: string;

  @ApiProperty({ ...DATE_TIME, nullable: true })
  archivedAt!: string | null;

  @ApiProperty(DATE_TIME)
  createdAt!: string;

  @ApiProperty(DATE_TIME)
  updatedAt!: string;

  @ApiPropertyOptional({ type: () => SnapshotResponse, nullable: true, description: 'GET /workspaces/:id only: the latest snapshot' })
  lastSnapshot?: SnapshotResponse | null;
}

export class WorkspacePageResponse extends PageResponse {
  @ApiProperty({ type: () => [WorkspaceResponse] })
  items!: WorkspaceResponse[];
}
