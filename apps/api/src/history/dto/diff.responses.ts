import { ApiProperty } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';
import { PageResponse } from '../../common/api-docs';
import { PatchOperationResponse, ResolvedVersionResponse } from './resource.responses';

/** Counts by status: `{created: 1, …}`. */
const sums = (names: string[]) => ({
  type: 'object' as const,
  properties: Object.fromEntries(names.map((name) => [name, { type: 'integer' as const }])),
  required: names,
  additionalProperties: false,
});

/** Counts by status, by kind: `{destination: {created: 1, …}}`. */
const counts = (names: string[]): { type: 'object'; additionalProperties: SchemaObject } => ({
  type: 'object',
  additionalProperties: sums(names),
});

export class DiffEntryResponse {
  @ApiProperty({ example: 'destination' })
  kind!: string;

  @ApiProperty({ example: 'src_1a2b3c' })
  id!: string;

  @ApiProperty({ example: 'webhooks-prod' })
  naturalKey!: string;

  @ApiProperty({ example: 'created', enum: ['created', 'deleted', 'changed'] })
  status!: string;

  @ApiProperty({ type: () => [PatchOperationResponse] })
  ops!: PatchOperationResponse[];

  @ApiProperty({ example: "Destination 'Webhooks': enabled changed from true to false" })
  summary!: string;
}

export class WorkspaceDiffResponse extends PageResponse {
  @ApiProperty({ type: () => ResolvedVersionResponse })
  from!: ResolvedVersionResponse;

  @ApiProperty({ type: () => ResolvedVersionResponse })
  to!: ResolvedVersionResponse;

  @ApiProperty({
    ...counts(['created', 'deleted', 'changed']),
    description: 'By kind',
    example: { destination: { created: 1, deleted: 0, changed: 2 } },
  })
  totals!: Record<string, unknown>;

  @ApiProperty({
    ...sums(['created', 'deleted', 'changed']),
    description: 'Every kind added up',
    example: { created: 1, deleted: 0, changed: 2 },
  })
  total!: Record<string, number>;

  @ApiProperty({ type: () => [DiffEntryResponse] })
  items!: DiffEntryResponse[];
}

export class CrossDiffEntryResponse {
  @ApiProperty({ example: 'destination' })
  kind!: string;

  @ApiProperty({ example: 'webhooks-prod' })
  naturalKey!: string;

  @ApiProperty({ example: 'onlyLeft', enum: ['onlyLeft', 'onlyRight', 'changed', 'ambiguous'] })
  status!: string;

  @ApiProperty({ example: ['src_1a2b3c'], type: [String] })
  leftIds!: string[];

  @ApiProperty({ example: ['src_4d5e6f'], type: [String] })
  rightIds!: string[];

  @ApiProperty({ type: () => [PatchOperationResponse], description: 'Left to right' })
  ops!: PatchOperationResponse[];

  @ApiProperty({
    example: ['settings.apiKey'],
    type: [String],
    description: 'Fields holding a secret Segment masks on one side: not comparable',
  })
  notComparable!: string[];

  @ApiProperty({ example: 'settings.enabled: true → false' })
  summary!: string;
}

export class WorkspaceRefResponse {
  @ApiProperty({ example: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60', format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'staging' })
  name!: string;
}

export class DiffSideResponse {
  @ApiProperty({ type: () => WorkspaceRefResponse })
  workspace!: WorkspaceRefResponse;

  @ApiProperty({ type: () => ResolvedVersionResponse })
  at!: ResolvedVersionResponse;
}

export class CrossDiffResponse extends PageResponse {
  @ApiProperty({ type: () => DiffSideResponse })
  left!: DiffSideResponse;

  @ApiProperty({ type: () => DiffSideResponse })
  right!: DiffSideResponse;

  @ApiProperty({
    example: { destination: { onlyLeft: 1, onlyRight: 0, changed: 2, same: 40, ambiguous: 0 } },
    ...counts(['onlyLeft', 'onlyRight', 'changed', 'same', 'ambiguous']),
    description: 'By kind',
  })
  totals!: Record<string, unknown>;

  @ApiProperty({
    ...sums(['onlyLeft', 'onlyRight', 'changed', 'same', 'ambiguous']),
    description: 'Every kind added up',
    example: { onlyLeft: 2, onlyRight: 1, changed: 3, same: 140, ambiguous: 0 },
  })
  total!: Record<string, number>;

  @ApiProperty({ type: () => [CrossDiffEntryResponse] })
  items!: CrossDiffEntryResponse[];
}
