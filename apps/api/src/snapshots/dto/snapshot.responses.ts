import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DATE_TIME, JSON_OBJECT, PageResponse } from '../../common/api-docs';

const SNAPSHOT_STATUSES = ['queued', 'running', 'completed', 'failed'];

export class SnapshotChangesResponse {
  @ApiProperty({ example: 3 })
  created!: number;

  @ApiProperty({ example: 1 })
  updated!: number;

  @ApiProperty({ example: 0 })
  deleted!: number;

  @ApiProperty({ example: 146 })
  unchanged!: number;
}

/** A snapshot: one read of a workspace, and what it changed in the history. */
export class SnapshotResponse {
  @ApiProperty({ example: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60', format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60', format: 'uuid' })
  workspaceId!: string;

  @ApiProperty({ example: 'queued', enum: SNAPSHOT_STATUSES })
  status!: string;

  @ApiProperty({ example: 'manual', enum: ['manual', 'schedule', 'startup', 'restore', 'copy'], description: 'What asked for it' })
  trigger!: string;

  @ApiProperty({
    example: 'snapshot',
    enum: ['snapshot', 'restore', 'copy'],
    description: 'A plain snapshot, or one a restore or copy took',
  })
  cause!: string;

  @ApiProperty({
    example: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60',
    type: String,
    nullable: true,
    description: 'The plan it belongs to, if any',
  })
  causeId!: string | null;

  @ApiProperty({ ...DATE_TIME, nullable: true, description: 'The schedule window it was taken for' })
  scheduledFor!: string | null;

  @ApiProperty({ example: '42', type: String, nullable: true })
  jobId!: string | null;

  @ApiProperty({ example: 1 })
  attempts!: number;

  @ApiProperty({ example: 12, type: Number, nullable: true, description: 'The stream version it completed at' })
  version!: number | null;

  @ApiProperty(DATE_TIME)
  requestedAt!: string;

  @ApiProperty({ ...DATE_TIME, nullable: true })
  startedAt!: string | null;

  @ApiProperty({ ...DATE_TIME, nullable: true })
  finishedAt!: string | null;

  @ApiProperty({ type: () => SnapshotChangesResponse })
  changes!: SnapshotChangesResponse;

  @ApiProperty({ example: 150 })
  resourceCount!: number;

  @ApiProperty({
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    type: String,
    nullable: true,
    description: 'Hash over every resource hash: equal states, equal roots',
  })
  rootHash!: string | null;

  @ApiProperty({
    example: ['reverse-etl-model'],
    type: [String],
    description: 'Kinds Segment would not list (their previous state is kept)',
  })
  unavailableKinds!: string[];

  @ApiProperty({ description: 'Requests sent to Segment', example: 42 })
  requests!: number;

  @ApiProperty({ description: 'Bytes of new bodies stored', example: 2048 })
  bytesAdded!: number;

  @ApiPropertyOptional({
    example: { source: 4, destination: 9 },
    ...JSON_OBJECT,
    nullable: true,
    description: 'While queued or running: kinds read so far',
  })
  progress?: Record<string, unknown> | null;

  @ApiProperty({ example: 'Segment answered 429 Too Many Requests', type: String, nullable: true })
  error!: string | null;
}

export class SnapshotPageResponse extends PageResponse {
  @ApiProperty({ type: () => [SnapshotResponse] })
  items!: SnapshotResponse[];
}

/** The answer to a snapshot request: the queued (or already running) snapshot. */
export class SnapshotQueuedResponse {
  @ApiProperty({ example: '0b7e9d12-3c4a-4f5e-8a6b-7c8d9e0f1a2b', format: 'uuid' })
  snapshotId!: string;

  @ApiProperty({ example: '42' })
  jobId!: string;

  @ApiProperty({ enum: SNAPSHOT_STATUSES, example: 'queued' })
  status!: string;

  @ApiProperty({ example: false, description: 'True when a snapshot already queued or running was returned instead of a new one' })
  joined!: boolean;
}
