import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../common/pagination';

const STATUSES = ['queued', 'running', 'completed', 'failed'];

export class ListSnapshotsQuery extends PageQuery {
  @IsOptional()
  @IsIn(STATUSES, { message: `status must be one of ${STATUSES.join(', ')}` })
  status?: string;
}
