import { ApiProperty } from '@nestjs/swagger';
import { STEP_ACTIONS, STEP_STATUSES } from '@app/store';
import { DATE_TIME, JSON_OBJECT, PageResponse } from '../../common/api-docs';

const NULLABLE_OBJECT = { ...JSON_OBJECT, nullable: true } as const;

/** One write a plan makes to the target, in order. */
export class PlanStepResponse {
  @ApiProperty({ example: 0 })
  position!: number;

  @ApiProperty({ enum: [...STEP_ACTIONS] })
  action!: string;

  @ApiProperty({ example: 'destination' })
  kind!: string;

  @ApiProperty({ example: 'webhooks-prod' })
  naturalKey!: string;

  @ApiProperty({ example: 'Webhooks (prod)' })
  name!: string;

  @ApiProperty({ description: 'Why the step is there', example: 'settings differ' })
  reason!: string;

  @ApiProperty({ description: 'Deleted and created again (a field Segment cannot change in place)' })
  replace!: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'The id in the version restored or copied' })
  originId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The id in the target now' })
  liveId!: string | null;

  @ApiProperty(NULLABLE_OBJECT)
  before!: Record<string, unknown> | null;

  @ApiProperty(NULLABLE_OBJECT)
  after!: Record<string, unknown> | null;

  @ApiProperty({ type: [Object], nullable: true, description: 'RFC 6902 operations from before to after' })
  ops!: Record<string, unknown>[] | null;

  @ApiProperty({ type: [Object], nullable: true, description: 'The items of a batch step' })
  items!: Record<string, unknown>[] | null;

  @ApiProperty({ type: [Number], description: 'Positions of the steps it waits for' })
  dependsOn!: number[];

  @ApiProperty({ type: [String], description: 'Secret fields no value was supplied for', example: ['settings.apiKey'] })
  secretsMissing!: string[];

  @ApiProperty({ type: [String], description: 'Secret fields a supplied value is set in' })
  secretsSupplied!: string[];

  @ApiProperty({ enum: [...STEP_STATUSES] })
  status!: string;

  @ApiProperty()
  attempts!: number;

  @ApiProperty({ type: String, nullable: true, description: 'The id the step created or wrote' })
  resultId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  error!: string | null;

  @ApiProperty({ description: 'Requests sent to Segment' })
  requests!: number;

  @ApiProperty({ ...DATE_TIME, nullable: true })
  startedAt!: string | null;

  @ApiProperty({ ...DATE_TIME, nullable: true })
  finishedAt!: string | null;
}

export class PlanStepPageResponse extends PageResponse {
  @ApiProperty({ type: () => [PlanStepResponse] })
  items!: PlanStepResponse[];
}
