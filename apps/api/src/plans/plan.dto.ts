import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { FORBIDDEN_FIELD_KEYS, fieldReachesPrototype, MAX_NAME_PATTERN_LENGTH, MAX_NAME_PATTERNS } from '@app/core';
import { IsOptionalNotNull } from '../common/optional';

/** Resources by kind, natural-key pattern and label: what a copy includes or leaves out. */
export class SelectionDto {
  @ApiPropertyOptional({ type: [String], maxItems: 100, description: 'Kind names', example: ['source', 'destination'] })
  @IsOptionalNotNull()
  @IsArray({ message: 'kinds must be a list of kind names' })
  @ArrayMaxSize(100)
  @IsString({ each: true, message: 'kinds must be a list of kind names' })
  kinds?: string[];

  /** Natural keys or names; `*` matches any run of characters (a glob: matched in linear time, never as a regex). */
  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_NAME_PATTERNS,
    description: 'Natural keys or names; `*` matches any run of characters (a glob, never a regex)',
    example: ['web-*'],
  })
  @IsOptionalNotNull()
  @MaxLength(MAX_NAME_PATTERN_LENGTH, {
    each: true,
    message: `names must be names or patterns of at most ${MAX_NAME_PATTERN_LENGTH} characters each`,
  })
  @ArrayMaxSize(MAX_NAME_PATTERNS, { message: `names must hold at most ${MAX_NAME_PATTERNS} names or patterns` })
  @IsString({ each: true, message: 'names must be a list of names or patterns' })
  @IsArray({ message: 'names must be a list of names or patterns' })
  names?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: 100, description: "Labels as 'key:value'", example: ['env:prod'] })
  @IsOptionalNotNull()
  @IsArray({ message: "labels must be a list of 'key:value'" })
  @ArrayMaxSize(100)
  @Matches(/^[^:]+:.+$/, { each: true, message: "labels must be a list of 'key:value'" })
  labels?: string[];
}

/** Which resources a restore covers; all of them when absent. Ids are those of the version restored. */
export class ScopeDto extends SelectionDto {
  @ApiPropertyOptional({ type: [String], maxItems: 10_000, description: 'Resource ids, as in the version restored' })
  @IsOptionalNotNull()
  @IsArray({ message: 'ids must be a list of resource ids' })
  @ArrayMaxSize(10_000)
  @IsString({ each: true, message: 'ids must be a list of resource ids' })
  ids?: string[];
}

/** A secret's field may not reach an object's prototype (`__proto__`, `constructor`, `prototype`). */
const NotReachingPrototype = () =>
  ValidateBy({
    name: 'notReachingPrototype',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !fieldReachesPrototype(value),
      defaultMessage: () => `field must not name ${FORBIDDEN_FIELD_KEYS.join(', ')}`,
    },
  });

/** A secret value for a field the backup holds only masked. */
export class SecretDto {
  @ApiProperty({ maxLength: 100, description: 'The kind of the resource holding the secret', example: 'destination' })
  @MaxLength(100, { message: 'kind must be a kind name' })
  @IsString({ message: 'kind must be a kind name' })
  kind!: string;

  /** The resource's id in the state restored or copied, or its natural key. */
  @ApiProperty({
    maxLength: 1000,
    description: 'The resource: its id in the state restored or copied, or its natural key',
    example: 'webhooks-prod',
  })
  @MaxLength(1000, { message: 'resource must be the id or natural key of a resource (at most 1000 characters)' })
  @IsNotEmpty({ message: 'resource must be the id or natural key of a resource' })
  @IsString({ message: 'resource must be the id or natural key of a resource' })
  resource!: string;

  /** `settings.apiKey` or `/settings/apiKey`. */
  @ApiProperty({ maxLength: 256, description: 'The field: a dotted name or a JSON Pointer', example: 'settings.apiKey' })
  @NotReachingPrototype()
  @Matches(/^(\/[^/]+)+$|^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, { message: 'field must name a field, e.g. settings.apiKey' })
  @MaxLength(256, { message: 'field must name a field, e.g. settings.apiKey (at most 256 characters)' })
  @IsString({ message: 'field must name a field, e.g. settings.apiKey' })
  field!: string;

  /** The secret itself: a string (what Segment's secret settings hold). */
  @ApiProperty({ maxLength: 65_536, description: 'The secret value (write-only: never returned)', writeOnly: true, example: 'sk_live_…' })
  @MaxLength(65_536, { message: 'value must be at most 65536 characters' })
  @IsString({ message: 'value must be a string' })
  value!: string;
}

/** What every plan request may say: deletes allowed, a dry run, secrets to supply. */
export class PlanRequestBase {
  @ApiPropertyOptional({ default: false, description: 'Deletes may be planned (resources the target has and the source has not)' })
  @IsOptionalNotNull()
  @IsBoolean({ message: 'allowDelete must be true or false' })
  allowDelete?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Plan only: the plan can be read but never applied' })
  @IsOptionalNotNull()
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;

  @ApiPropertyOptional({
    type: () => [SecretDto],
    maxItems: 10_000,
    description:
      'Values for the secret fields the backup holds only masked (Segment never returns them): one `{kind, resource, field, value}` each. A plan lists the ones it needs in `summary.secretsNeeded`; values are encrypted and erased when the plan ends.',
  })
  @IsOptionalNotNull()
  @IsArray({ message: 'secrets must be a list of {kind, resource, field, value}' })
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => SecretDto)
  secrets?: SecretDto[];
}

export class RestoreRequest extends PlanRequestBase {
  /** A version, an ISO-8601 instant (the snapshot at or before it answers) or `latest`. */
  @ApiProperty({
    maxLength: 64,
    description: 'A version, an ISO-8601 instant (the snapshot at or before it answers) or `latest`',
    example: '12',
  })
  @IsString({ message: 'to is required: a version, an ISO-8601 instant or latest' })
  @IsNotEmpty({ message: 'to is required: a version, an ISO-8601 instant or latest' })
  @MaxLength(64)
  to!: string;

  @ApiPropertyOptional({
    type: () => ScopeDto,
    description: 'Narrows the restore (and pulls in what the selection needs); everything when absent',
  })
  @IsOptionalNotNull()
  @ValidateNested()
  @IsObject({ message: 'select must be an object: {kinds?, ids?, names?, labels?}' })
  @Type(() => ScopeDto)
  select?: ScopeDto;
}

export class SubstitutionDto {
  @ApiProperty({ maxLength: 500, description: 'Text to replace', example: 'staging' })
  @IsString({ message: 'match must be the text to replace' })
  @IsNotEmpty({ message: 'match must not be empty' })
  @MaxLength(500)
  match!: string;

  @ApiProperty({ maxLength: 500, description: 'Replacement (may be empty)', example: 'production' })
  @IsString({ message: 'replace must be a string (it may be empty)' })
  @MaxLength(500)
  replace!: string;

  @ApiPropertyOptional({ type: [String], maxItems: 100, description: 'Only in these kinds; all when absent' })
  @IsOptionalNotNull()
  @ArrayMaxSize(100, { message: 'kinds must hold at most 100 kind names' })
  @IsArray({ message: 'kinds must be a list of kind names' })
  @MaxLength(100, { each: true, message: 'kinds must be a list of kind names' })
  @IsString({ each: true, message: 'kinds must be a list of kind names' })
  kinds?: string[];

  /** Dotted names or JSON Pointers; names and settings when absent. */
  @ApiPropertyOptional({
    type: [String],
    maxItems: 100,
    description: 'Dotted names or JSON Pointers; names and settings when absent',
    example: ['settings.endpoint'],
  })
  @IsOptionalNotNull()
  @ArrayMaxSize(100, { message: 'fields must hold at most 100 field names' })
  @IsArray({ message: 'fields must be a list of field names, e.g. settings.endpoint' })
  @MaxLength(256, { each: true, message: 'fields must be a list of field names of at most 256 characters' })
  @IsString({ each: true, message: 'fields must be a list of field names, e.g. settings.endpoint' })
  fields?: string[];
}

export class CopySourceDto {
  /** A workspace id or name. */
  @ApiProperty({ description: 'The source workspace: id or name', example: 'staging' })
  @IsString({ message: 'from.workspace is required: a workspace id or name' })
  @IsNotEmpty({ message: 'from.workspace is required: a workspace id or name' })
  workspace!: string;

  /** A version, an ISO-8601 instant or `latest` (the default). */
  @ApiPropertyOptional({
    maxLength: 64,
    description: 'A version, an ISO-8601 instant or `latest`; without it, the source is read fresh when planning',
    example: 'latest',
  })
  @IsOptionalNotNull()
  @IsString({ message: 'from.at must be a version, an ISO-8601 instant or latest' })
  @MaxLength(64)
  at?: string;
}

export class CopyRequest extends PlanRequestBase {
  @ApiProperty({ type: () => CopySourceDto })
  @ValidateNested()
  @Type(() => CopySourceDto)
  @IsObject({ message: 'from is required: {workspace, at?}' })
  @IsDefined({ message: 'from is required: {workspace, at?}' })
  from!: CopySourceDto;

  /** The target workspace's id or name. */
  @ApiProperty({ description: 'The target workspace: id or name (another than from.workspace)', example: 'production' })
  @IsString({ message: 'to is required: the target workspace id or name' })
  @IsNotEmpty({ message: 'to is required: the target workspace id or name' })
  to!: string;

  @ApiPropertyOptional({ type: () => SelectionDto, description: 'Only these resources (and what they need); everything when absent' })
  @IsOptionalNotNull()
  @ValidateNested()
  @IsObject({ message: 'include must be an object: {kinds?, names?, labels?}' })
  @Type(() => SelectionDto)
  include?: SelectionDto;

  @ApiPropertyOptional({ type: () => SelectionDto, description: 'Leaves these resources out' })
  @IsOptionalNotNull()
  @ValidateNested()
  @IsObject({ message: 'exclude must be an object: {kinds?, names?, labels?}' })
  @Type(() => SelectionDto)
  exclude?: SelectionDto;

  @ApiPropertyOptional({ type: () => [SubstitutionDto], maxItems: 100, description: 'Text replaced in names and settings on the way' })
  @IsOptionalNotNull()
  @IsArray({ message: 'substitutions must be a list of {match, replace, kinds?, fields?}' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SubstitutionDto)
  substitutions?: SubstitutionDto[];

  /** With allowDelete (which deletes only what a copy made from the source): the target's other resources too. */
  @ApiPropertyOptional({ default: false, description: "With allowDelete: the target's resources no copy made are deleted too" })
  @IsOptionalNotNull()
  @IsBoolean({ message: 'deleteUnmapped must be true or false' })
  deleteUnmapped?: boolean;
}
