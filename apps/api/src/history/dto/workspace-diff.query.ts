import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { PageQuery } from '../../common/pagination';

export class WorkspaceDiffQuery extends PageQuery {
  @ApiProperty({ description: 'A version, an ISO-8601 instant or `latest`', example: '3' })
  @IsString({ message: 'from is required: a version, an ISO-8601 instant or latest' })
  from!: string;

  @ApiPropertyOptional({ description: 'A version, an ISO-8601 instant or `latest` (the default)', example: 'latest' })
  @IsOptional()
  @IsString()
  to?: string;

  @ApiPropertyOptional({ description: 'Only this kind', example: 'destination' })
  @IsOptional()
  @IsString()
  kind?: string;

  @ApiPropertyOptional({ enum: ['created', 'deleted', 'changed'] })
  @IsOptional()
  @IsIn(['created', 'deleted', 'changed'], { message: 'status must be created, deleted or changed' })
  status?: string;
}
