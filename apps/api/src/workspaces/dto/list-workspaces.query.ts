import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../common/pagination';

export class ListWorkspacesQuery extends PageQuery {
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'includeArchived must be true or false' })
  includeArchived?: 'true' | 'false';
}
