import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsNotEmpty, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsOptionalNotNull } from '../common/optional';

/** Which resources a restore covers; all of them when absent. */
export class ScopeDto {
  @IsOptionalNotNull()
  @IsArray({ message: 'kinds must be a list of kind names' })
  @ArrayMaxSize(100)
  @IsString({ each: true, message: 'kinds must be a list of kind names' })
  kinds?: string[];

  @IsOptionalNotNull()
  @IsArray({ message: 'ids must be a list of resource ids' })
  @ArrayMaxSize(10_000)
  @IsString({ each: true, message: 'ids must be a list of resource ids' })
  ids?: string[];

  /** Natural keys or names; `*` matches any run of characters. */
  @IsOptionalNotNull()
  @IsArray({ message: 'names must be a list of names or patterns' })
  @ArrayMaxSize(1000)
  @IsString({ each: true, message: 'names must be a list of names or patterns' })
  names?: string[];

  @IsOptionalNotNull()
  @IsArray({ message: "labels must be a list of 'key:value'" })
  @ArrayMaxSize(100)
  @Matches(/^[^:]+:.+$/, { each: true, message: "labels must be a list of 'key:value'" })
  labels?: string[];
}

/** A secret value for a field the backup holds only masked. */
export class SecretDto {
  @IsString({ message: 'kind must be a kind name' })
  kind!: string;

  /** The resource's id in the state restored or copied, or its natural key. */
  @IsString({ message: 'resource must be the id or natural key of a resource' })
  @IsNotEmpty({ message: 'resource must be the id or natural key of a resource' })
  resource!: string;

  /** `settings.apiKey` or `/settings/apiKey`. */
  @IsString({ message: 'field must name a field, e.g. settings.apiKey' })
  @Matches(/^(\/[^/]+)+$|^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, { message: 'field must name a field, e.g. settings.apiKey' })
  field!: string;

  @IsDefined({ message: 'value is required' })
  value!: unknown;
}

export class RestoreRequest {
  /** A version, an ISO-8601 instant (the snapshot at or before it answers) or `latest`. */
  @IsString({ message: 'to is required: a version, an ISO-8601 instant or latest' })
  @IsNotEmpty({ message: 'to is required: a version, an ISO-8601 instant or latest' })
  @MaxLength(64)
  to!: string;

  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => ScopeDto)
  select?: ScopeDto;

  @IsOptionalNotNull()
  @IsBoolean({ message: 'allowDelete must be true or false' })
  allowDelete?: boolean;

  @IsOptionalNotNull()
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;

  @IsOptionalNotNull()
  @IsArray({ message: 'secrets must be a list of {kind, resource, field, value}' })
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => SecretDto)
  secrets?: SecretDto[];
}
