import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';

export class ExportQuery {
  @ApiPropertyOptional({ description: 'A version, an ISO-8601 instant or `latest` (the default)', example: 'latest' })
  @IsOptional()
  @IsString()
  at?: string;

  @ApiPropertyOptional({ enum: ['json', 'yaml'], default: 'json', description: 'Format of the files in the archive' })
  @IsOptional()
  @IsIn(['json', 'yaml'], { message: 'format must be json or yaml' })
  format?: 'json' | 'yaml';
}
