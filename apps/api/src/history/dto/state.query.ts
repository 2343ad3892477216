import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination';

export class StateQuery extends PageQuery {
  /** A version, an ISO-8601 instant, or `latest` (the default). */
  @IsOptional()
  @IsString()
  at?: string;

  @IsOptional()
  @IsString()
  kind?: string;

  /** Case-insensitive part of the name or natural key. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  /** `key:value`: resources carrying the label, or belonging to a source that does. */
  @IsOptional()
  @IsString()
  label?: string;
}
