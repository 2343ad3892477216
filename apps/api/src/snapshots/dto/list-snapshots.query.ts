import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../common/pagination';

const STATUSES = ['queued', 'running', 'completed', 'failed'];

export class ListSnapshotsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES, description: 'Only snapshots in this status' })
  @IsOptional()
  @IsIn(STATUSES, { message: `status must be one of ${STATUSES.join(', ')}` })
  status?: string;
}
