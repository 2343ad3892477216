import { ApiProperty } from '@nestjs/swagger';
import { STEP_ACTIONS, STEP_STATUSES } from '@app/store';
import { DATE_TIME, JSON_OBJECT, PageResponse } from '../../common/api-docs';

const NULLABLE_OBJECT = { ...JSON_OBJECT, nullable: true } as const;

/** One write a plan makes to the target, in order. */
export class PlanStepResponse {
  @ApiProperty({ example: 0 })
  position!: number;

  @ApiProperty({ example: 'create', enum: [...STEP_ACTIONS] })
  action!: string;

  @ApiProperty({ example: 'destination' })
  kind!: string;

  @ApiProperty({ example: 'webhooks-prod' })
  naturalKey!: string;

  @ApiProperty({ example: 'Webhooks (prod)' })
  name!: string;

  @ApiProperty({ description: 'Why the step is there', example: 'settings differ' })
  reason!: string;

  @ApiProperty({ example: true, description: 'Deleted and created again (a field Segment cannot change in place)' })
  replace!: boolean;

  @ApiProperty({ example: 'src_1a2b3c', type: String, nullable: true, description: 'The id in the version restored or copied' })
  originId!: string | null;

  @ApiProperty({ example: 'src_4d5e6f', type: String, nullable: true, description: 'The id in the target now' })
  liveId!: string | null;

  @ApiProperty({ ...NULLABLE_OBJECT, example: { name: 'Web app', enabled: true } })
  before!: Record<string, unknown> | null;

  @ApiProperty({ ...NULLABLE_OBJECT, example: { name: 'Web app', enabled: false } })
  after!: Record<string, unknown> | null;

  @ApiProperty({
    example: [{ op: 'replace', path: '/enabled', value: false }],
    type: [Object],
    nullable: true,
    description: 'RFC 6902 operations from before to after',
  })
  ops!: Record<string, unknown>[] | null;

  @ApiProperty({ example: [{ naturalKey: 'orders_completed' }], type: [Object], nullable: true, description: 'The items of a batch step' })
  items!: Record<string, unknown>[] | null;

  @ApiProperty({ example: [0], type: [Number], description: 'Positions of the steps it waits for' })
  dependsOn!: number[];

  @ApiProperty({ type: [String], description: 'Secret fields no value was supplied for', example: ['settings.apiKey'] })
  secretsMissing!: string[];

  @ApiProperty({ example: ['settings.apiKey'], type: [String], description: 'Secret fields a supplied value is set in' })
  secretsSupplied!: string[];

  @ApiProperty({ example: 'pending', enum: [...STEP_STATUSES] })
  status!: string;

  @ApiProperty({ example: 1 })
  attempts!: number;

  @ApiProperty({ example: 'src_4d5e6f', type: String, nullable: true, description: 'The id the step created or wrote' })
  resultId!: string | null;

  @ApiProperty({ example: 'Segment answered 429 Too Many Requests', type: String, nullable: true })
  error!: string | null;

  @ApiProperty({ example: 3, description: 'Requests sent to Segment' })
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
