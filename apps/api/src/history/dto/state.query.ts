import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination';

export class StateQuery extends PageQuery {
  /** A version, an ISO-8601 instant, or `latest` (the default). */
  @ApiPropertyOptional({ description: 'A version, an ISO-8601 instant or `latest` (the default)', example: 'latest' })
  @IsOptional()
  @IsString()
  at?: string;

  @ApiPropertyOptional({ description: 'Only this kind', example: 'source' })
  @IsOptional()
  @IsString()
  kind?: string;

  /** Case-insensitive part of the name or natural key. */
  @ApiPropertyOptional({ maxLength: 200, description: 'Case-insensitive part of the name or natural key' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  /** `key:value`: resources carrying the label, or belonging to a source that does. */
  @ApiPropertyOptional({
    description: '`key:value`: resources carrying the label, or belonging to a source that does',
    example: 'env:prod',
  })
  @IsOptional()
  @IsString()
  label?: string;
}
