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
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  workspaceId!: string;

  @ApiProperty({ enum: SNAPSHOT_STATUSES })
  status!: string;

  @ApiProperty({ enum: ['manual', 'schedule', 'startup', 'restore', 'copy'], description: 'What asked for it' })
  trigger!: string;

  @ApiProperty({ enum: ['snapshot', 'restore', 'copy'], description: 'A plain snapshot, or one a restore or copy took' })
  cause!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The plan it belongs to, if any' })
  causeId!: string | null;

  @ApiProperty({ ...DATE_TIME, nullable: true, description: 'The schedule window it was taken for' })
  scheduledFor!: string | null;

  @ApiProperty({ type: String, nullable: true })
  jobId!: string | null;

  @ApiProperty({ example: 1 })
  attempts!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'The stream version it completed at' })
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

  @ApiProperty({ type: String, nullable: true, description: 'Hash over every resource hash: equal states, equal roots' })
  rootHash!: string | null;

  @ApiProperty({ type: [String], description: 'Kinds Segment would not list (their previous state is kept)' })
  unavailableKinds!: string[];

  @ApiProperty({ description: 'Requests sent to Segment', example: 42 })
  requests!: number;

  @ApiProperty({ description: 'Bytes of new bodies stored', example: 2048 })
  bytesAdded!: number;

  @ApiPropertyOptional({ ...JSON_OBJECT, nullable: true, description: 'While queued or running: kinds read so far' })
  progress?: Record<string, unknown> | null;

  @ApiProperty({ type: String, nullable: true })
  error!: string | null;
}

export class SnapshotPageResponse extends PageResponse {
  @ApiProperty({ type: () => [SnapshotResponse] })
  items!: SnapshotResponse[];
}

/** The answer to a snapshot request: the queued (or already running) snapshot. */
export class SnapshotQueuedResponse {
  @ApiProperty({ format: 'uuid' })
  snapshotId!: string;

  @ApiProperty()
  jobId!: string;

  @ApiProperty({ enum: SNAPSHOT_STATUSES, example: 'queued' })
  status!: string;

  @ApiProperty({ description: 'True when a snapshot already queued or running was returned instead of a new one' })
  joined!: boolean;
}
