import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../common/pagination';

const STEP_STATUSES = ['pending', 'running', 'done', 'failed', 'blocked'];

export class StepsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STEP_STATUSES, description: 'Only steps in this status' })
  @IsOptional()
  @IsIn(STEP_STATUSES, { message: `status must be one of ${STEP_STATUSES.join(', ')}` })
  status?: string;
}
