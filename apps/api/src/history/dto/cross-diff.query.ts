import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { PageQuery } from '../../common/pagination';

export class CrossDiffQuery extends PageQuery {
  @ApiProperty({ description: '`<workspace id or name>[@<version|instant|latest>]` (latest by default)', example: 'production@latest' })
  @IsString({ message: 'left is required: <workspace id or name>[@<version|instant|latest>]' })
  left!: string;

  @ApiProperty({
    description: '`<workspace id or name>[@<version|instant|latest>]` (latest by default)',
    example: 'staging@2026-01-31T00:00:00Z',
  })
  @IsString({ message: 'right is required: <workspace id or name>[@<version|instant|latest>]' })
  right!: string;

  @ApiPropertyOptional({ description: 'Only this kind', example: 'destination' })
  @IsOptional()
  @IsString()
  kind?: string;

  @ApiPropertyOptional({ enum: ['onlyLeft', 'onlyRight', 'changed', 'ambiguous'] })
  @IsOptional()
  @IsIn(['onlyLeft', 'onlyRight', 'changed', 'ambiguous'], { message: 'status must be onlyLeft, onlyRight, changed or ambiguous' })
  status?: string;
}
