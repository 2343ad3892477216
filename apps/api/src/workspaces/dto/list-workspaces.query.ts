import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../common/pagination';

export class ListWorkspacesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'Archived workspaces too' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'includeArchived must be true or false' })
  includeArchived?: 'true' | 'false';
}
