import { IsIn, IsOptional, IsString } from 'class-validator';

export class ExportQuery {
  @IsOptional()
  @IsString()
  at?: string;

  @IsOptional()
  @IsIn(['json', 'yaml'], { message: 'format must be json or yaml' })
  format?: 'json' | 'yaml';
}
