import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';
import { DATE_TIME, JSON_OBJECT } from '../../common/api-docs';

/** The version an `at` (a version, an instant, `latest`) resolved to. */
export class ResolvedVersionResponse {
  @ApiProperty({ description: 'What was asked for, as it was asked', example: 'latest' })
  requested!: string;

  @ApiProperty({ example: 3 })
  version!: number;

  @ApiProperty(DATE_TIME)
  observedAt!: string;

  @ApiProperty({
    example: '0b7e9d12-3c4a-4f5e-8a6b-7c8d9e0f1a2b',
    type: String,
    nullable: true,
    description: 'The snapshot that recorded this version',
  })
  snapshotId!: string | null;

  @ApiProperty({ example: true, description: 'False when the request fell between snapshots and an earlier one answered' })
  exact!: boolean;
}

/** An RFC 6902 operation; `value` (any JSON) for add, replace and test. */
export class PatchOperationResponse {
  @ApiProperty({ example: 'add', enum: ['add', 'remove', 'replace', 'move', 'copy', 'test'] })
  op!: string;

  @ApiProperty({ description: 'JSON Pointer', example: '/settings/endpoint' })
  path!: string;

  @ApiPropertyOptional({ example: '/settings/oldName', description: 'JSON Pointer (move, copy)' })
  from?: string;

  @ApiPropertyOptional({
    description: 'Any JSON value (add, replace, test)',
    anyOf: [
      { type: 'string' },
      { type: 'number' },
      { type: 'boolean' },
      { type: 'array', items: {} },
      { type: 'object', nullable: true, additionalProperties: true },
    ],
    example: false,
  })
  value?: unknown;
}

export class ResourceResponse {
  @ApiProperty({ example: 'destination' })
  kind!: string;

  @ApiProperty({ example: 'src_1a2b3c', description: "Segment's id" })
  id!: string;

  @ApiProperty({ description: 'Stable across workspaces: what copies and cross-workspace diffs match on', example: 'webhooks-prod' })
  naturalKey!: string;

  @ApiPropertyOptional({ example: 'Webhooks (prod)' })
  name?: string;

  @ApiPropertyOptional({ example: 12, description: 'The version its content was last recorded at' })
  version?: number;

  @ApiPropertyOptional(DATE_TIME)
  observedAt?: string;

  @ApiProperty({
    example: '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
    description: 'Hash of the body (content-addressed)',
  })
  hash!: string;

  @ApiProperty({
    example: { id: 'src_1a2b3c', name: 'Web app', enabled: true },
    ...JSON_OBJECT,
    description: 'The normalized body as Segment gave it; secrets masked',
  })
  body!: Record<string, unknown>;
}

export class ResourcePageResponse {
  @ApiProperty({ type: () => ResolvedVersionResponse })
  at!: ResolvedVersionResponse;

  @ApiProperty({ example: 150, description: 'Resources matching the filters, on every page' })
  total!: number;

  @ApiProperty({ type: () => [ResourceResponse] })
  items!: ResourceResponse[];

  @ApiProperty({ example: 'eyJpZCI6IjZmMWMyYTRlIn0', type: String, nullable: true })
  nextCursor!: string | null;
}

export class TimelineEventResponse {
  @ApiProperty({ example: 2 })
  version!: number;

  @ApiProperty({ example: 'ResourceCreated', enum: ['ResourceCreated', 'ResourceUpdated', 'ResourceDeleted', 'NaturalKeyChanged'] })
  type!: string;

  @ApiProperty(DATE_TIME)
  observedAt!: string;

  @ApiProperty({ description: 'snapshot, restore or copy', example: 'snapshot' })
  cause!: string;

  @ApiProperty({ example: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60', type: String, nullable: true, description: 'The snapshot or plan' })
  causeId!: string | null;

  @ApiProperty({ example: 'webhooks-prod', type: String, nullable: true })
  naturalKey!: string | null;

  @ApiProperty({ example: '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae', type: String, nullable: true })
  hash!: string | null;

  @ApiProperty({ type: () => [PatchOperationResponse], description: 'From the previous body (none for a creation or deletion)' })
  patch!: PatchOperationResponse[];

  @ApiProperty({ example: "Destination 'Webhooks': settings.endpoint changed" })
  summary!: string;
}

const FIELD_BLAME: SchemaObject = {
  type: 'object',
  properties: {
    version: { type: 'number' },
    observedAt: { type: 'string', format: 'date-time' },
    cause: { type: 'string' },
    causeId: { type: 'string', nullable: true },
  },
  required: ['version', 'observedAt', 'cause'],
};

export class ResourceHistoryResponse {
  @ApiProperty({ example: 'destination' })
  kind!: string;

  @ApiProperty({ example: 'src_1a2b3c' })
  id!: string;

  @ApiProperty({ example: 'webhooks-prod', type: String, nullable: true })
  naturalKey!: string | null;

  @ApiProperty({ example: true, description: 'False once deleted' })
  exists!: boolean;

  @ApiProperty({
    example: { id: 'src_1a2b3c', name: 'Web app', enabled: true },
    ...JSON_OBJECT,
    nullable: true,
    description: 'Its last body (before deletion, for a deleted one)',
  })
  body!: Record<string, unknown> | null;

  @ApiProperty({ type: () => [TimelineEventResponse], description: 'Oldest first' })
  events!: TimelineEventResponse[];

  @ApiProperty({
    type: 'object',
    additionalProperties: FIELD_BLAME,
    description: 'For each field (JSON Pointer) of the latest body: the version and time it last changed',
    example: { '/settings/endpoint': { version: 2, observedAt: '2026-01-31T02:00:00.000Z', cause: 'snapshot', causeId: null } },
  })
  blame!: Record<string, unknown>;
}
