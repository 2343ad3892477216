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

  @ApiProperty({ type: String, nullable: true, description: 'The snapshot that recorded this version' })
  snapshotId!: string | null;

  @ApiProperty({ description: 'False when the request fell between snapshots and an earlier one answered' })
  exact!: boolean;
}

/** An RFC 6902 operation; `value` (any JSON) for add, replace and test. */
export class PatchOperationResponse {
  @ApiProperty({ enum: ['add', 'remove', 'replace', 'move', 'copy', 'test'] })
  op!: string;

  @ApiProperty({ description: 'JSON Pointer', example: '/settings/endpoint' })
  path!: string;

  @ApiPropertyOptional({ description: 'JSON Pointer (move, copy)' })
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

  @ApiProperty({ description: "Segment's id" })
  id!: string;

  @ApiProperty({ description: 'Stable across workspaces: what copies and cross-workspace diffs match on', example: 'webhooks-prod' })
  naturalKey!: string;

  @ApiPropertyOptional({ example: 'Webhooks (prod)' })
  name?: string;

  @ApiPropertyOptional({ description: 'The version its content was last recorded at' })
  version?: number;

  @ApiPropertyOptional(DATE_TIME)
  observedAt?: string;

  @ApiProperty({ description: 'Hash of the body (content-addressed)' })
  hash!: string;

  @ApiProperty({ ...JSON_OBJECT, description: 'The normalized body as Segment gave it; secrets masked' })
  body!: Record<string, unknown>;
}

export class ResourcePageResponse {
  @ApiProperty({ type: () => ResolvedVersionResponse })
  at!: ResolvedVersionResponse;

  @ApiProperty({ description: 'Resources matching the filters, on every page' })
  total!: number;

  @ApiProperty({ type: () => [ResourceResponse] })
  items!: ResourceResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class TimelineEventResponse {
  @ApiProperty({ example: 2 })
  version!: number;

  @ApiProperty({ enum: ['ResourceCreated', 'ResourceUpdated', 'ResourceDeleted', 'NaturalKeyChanged'] })
  type!: string;

  @ApiProperty(DATE_TIME)
  observedAt!: string;

  @ApiProperty({ description: 'snapshot, restore or copy', example: 'snapshot' })
  cause!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The snapshot or plan' })
  causeId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  naturalKey!: string | null;

  @ApiProperty({ type: String, nullable: true })
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

  @ApiProperty()
  id!: string;

  @ApiProperty({ type: String, nullable: true })
  naturalKey!: string | null;

  @ApiProperty({ description: 'False once deleted' })
  exists!: boolean;

  @ApiProperty({ ...JSON_OBJECT, nullable: true, description: 'Its last body (before deletion, for a deleted one)' })
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
