import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PLAN_STATUSES, PLAN_TYPES } from '@app/store';
import { DATE_TIME, JSON_OBJECT, PageResponse } from '../../common/api-docs';
import { PlanStepResponse } from './plan-step.responses';

export class PlanTargetResponse {
  @ApiProperty({ example: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60', format: 'uuid' })
  workspaceId!: string;
}

export class PlanSourceResponse {
  @ApiProperty({ example: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60', format: 'uuid' })
  workspaceId!: string;

  @ApiProperty({ description: 'The source version planned from', example: 12 })
  version!: number;

  @ApiProperty({ description: 'What was asked for (`to` or `from.at`)', example: 'latest' })
  requested!: string;
}

export class PlanVersionsResponse {
  @ApiProperty({ example: 12, type: Number, nullable: true, description: "The target's version read when planning" })
  live!: number | null;

  @ApiProperty({ example: 11, type: Number, nullable: true, description: 'The snapshot taken just before applying' })
  beforeApply!: number | null;

  @ApiProperty({ example: 13, type: Number, nullable: true, description: 'The snapshot that verified the apply' })
  verified!: number | null;
}

const NULLABLE_DATE = { ...DATE_TIME, nullable: true } as const;

/** A restore or copy plan: planned by a worker, approved (apply), applied, verified. */
export class PlanResponse {
  @ApiProperty({ example: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60', format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'restore', enum: [...PLAN_TYPES] })
  type!: string;

  @ApiProperty({
    example: 'planning',
    enum: [...PLAN_STATUSES],
    description:
      'planning → ready (or failed) → queued → applying → verifying → completed | partial (something left undone: see report.left); a ready plan may be cancelled, an apply may stop at conflict',
  })
  status!: string;

  @ApiProperty({ example: true, description: 'A dry run is never applied' })
  dryRun!: boolean;

  @ApiProperty({ type: () => PlanTargetResponse })
  target!: PlanTargetResponse;

  @ApiProperty({ type: () => PlanSourceResponse })
  source!: PlanSourceResponse;

  @ApiProperty({
    example: { allowDelete: false, scope: { kinds: ['source', 'destination'] }, secretsSupplied: ['settings.apiKey'] },
    ...JSON_OBJECT,
    description: 'As requested: allowDelete, deleteUnmapped, scope, substitutions, secretsSupplied (which fields, never values)',
  })
  options!: Record<string, unknown>;

  @ApiProperty({ type: () => PlanVersionsResponse })
  versions!: PlanVersionsResponse;

  @ApiProperty({
    example: { totals: { create: 2, update: 3, delete: 0 }, secretsNeeded: [], invites: [] },
    ...JSON_OBJECT,
    nullable: true,
    description:
      'Once planned: totals by action, gaps, secretsNeeded ([{kind, naturalKey, fields}]: supply them as `secrets`), invites, pulledIn, kept',
  })
  summary!: Record<string, unknown> | null;

  @ApiProperty({
    example: { done: 4, pending: 1, requests: 9 },
    ...JSON_OBJECT,
    nullable: true,
    description: 'While applying: steps by status, requests sent',
  })
  progress!: Record<string, unknown> | null;

  @ApiProperty({
    example: [{ kind: 'destination', naturalKey: 'webhooks-prod', field: 'enabled' }],
    type: [Object],
    nullable: true,
    description: 'Changes in the target since planning that stopped the apply',
  })
  conflicts!: Record<string, unknown>[] | null;

  @ApiProperty({
    example: { verified: true, matched: 12, differences: [], secretsMissing: [], failed: [], left: [] },
    ...JSON_OBJECT,
    nullable: true,
    description:
      'How the apply ended: verified, matched, differences, secretsMissing, failed steps, and `left`: what is left to do, by name',
  })
  report!: Record<string, unknown> | null;

  @ApiProperty({ example: 'Segment answered 429 Too Many Requests', type: String, nullable: true })
  error!: string | null;

  @ApiProperty({
    example: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60',
    type: String,
    nullable: true,
    description: 'The API key that asked for it',
  })
  requestedBy!: string | null;

  @ApiProperty({
    example: '0b7e9d12-3c4a-4f5e-8a6b-7c8d9e0f1a2b',
    type: String,
    nullable: true,
    description: 'The API key that approved the apply',
  })
  approvedBy!: string | null;

  @ApiProperty(DATE_TIME)
  createdAt!: string;

  @ApiProperty(NULLABLE_DATE)
  plannedAt!: string | null;

  @ApiProperty(NULLABLE_DATE)
  approvedAt!: string | null;

  @ApiProperty(NULLABLE_DATE)
  applyStartedAt!: string | null;

  @ApiProperty(NULLABLE_DATE)
  finishedAt!: string | null;
}

/** GET /plans/:id: the plan with its steps counted by status and the first page of them. */
export class PlanDetailResponse extends PlanResponse {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { pending: 3, done: 12 } })
  stepCounts!: Record<string, number>;

  @ApiProperty({ type: () => [PlanStepResponse] })
  steps!: PlanStepResponse[];

  @ApiProperty({
    example: 'eyJpZCI6IjZmMWMyYTRlIn0',
    type: String,
    nullable: true,
    description: 'Pass as `cursor` to GET /plans/:id/steps',
  })
  nextCursor!: string | null;
}

export class PlanPageResponse extends PageResponse {
  @ApiProperty({ type: () => [PlanResponse] })
  items!: PlanResponse[];
}

export class PlanRequestedSourceResponse {
  @ApiProperty({ example: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60', format: 'uuid' })
  workspaceId!: string;

  @ApiProperty({ example: 'latest' })
  requested!: string;

  @ApiPropertyOptional({ example: 12, description: 'Absent when the source is read fresh when planning' })
  version?: number;

  @ApiPropertyOptional(DATE_TIME)
  observedAt?: string;

  @ApiPropertyOptional({ example: '0b7e9d12-3c4a-4f5e-8a6b-7c8d9e0f1a2b', type: String, nullable: true })
  snapshotId?: string | null;

  @ApiPropertyOptional({ example: true })
  exact?: boolean;
}

/** The answer to a restore or copy: the plan is being made (poll GET /plans/:id). */
export class PlanRequestedResponse {
  @ApiProperty({ example: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60', format: 'uuid' })
  planId!: string;

  @ApiProperty({ enum: [...PLAN_STATUSES], example: 'planning' })
  status!: string;

  @ApiProperty({ example: '42' })
  jobId!: string;

  @ApiProperty({ type: () => PlanRequestedSourceResponse })
  source!: PlanRequestedSourceResponse;
}

/** The answer to an apply: approved and queued. */
export class PlanApplyQueuedResponse {
  @ApiProperty({ example: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60', format: 'uuid' })
  planId!: string;

  @ApiProperty({ example: 'queued', enum: ['queued'] })
  status!: string;

  @ApiProperty({ example: '42' })
  jobId!: string;
}
