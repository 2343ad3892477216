import { IsIn, IsOptional, IsString } from 'class-validator';
import { PageQuery } from '../../common/pagination';

export class WorkspaceDiffQuery extends PageQuery {
  @IsString({ message: 'from is required: a version, an ISO-8601 instant or latest' })
  from!: string;

  @IsOptional()
  @IsString()
  to?: string;

  @IsOptional()
  @IsString()
  kind?: string;

  @IsOptional()
  @IsIn(['created', 'deleted', 'changed'], { message: 'status must be created, deleted or changed' })
  status?: string;
}
