import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { CHANGE_RULE_TYPES, ChangeRuleType } from '@app/core';
import { IsOptionalNotNull } from '../../common/optional';
import { PageQuery } from '../../common/pagination';

/** `key:value` or a bare `key`, as Segment labels are written; no spaces, no control characters. */
const LABEL = /^[\w.\-/]+(:[^\s:\p{Cc}][^\s\p{Cc}]*)?$/u;

/** The params of every rule type; which ones a type needs is checked by the service (400 naming the field). */
export class ChangeRuleParamsDto {
  @ApiPropertyOptional({
    description:
      'deleted-or-disabled: the kind counted (required); rules-lost: the child kind counted per parent (default tracking-plan-rule)',
    example: 'destination',
  })
  @IsOptionalNotNull()
  @IsString({ message: 'params.kind must be a kind name' })
  @Length(1, 100, { message: 'params.kind must be 1–100 characters' })
  kind?: string;

  @ApiPropertyOptional({
    description: 'deleted-or-disabled: fires when more than this many are deleted or disabled in one snapshot',
    example: 2,
  })
  @IsOptionalNotNull()
  @IsInt({ message: 'params.threshold must be a whole number' })
  @Min(0, { message: 'params.threshold must be at least 0' })
  @Max(1_000_000, { message: 'params.threshold must be at most 1000000' })
  threshold?: number;

  @ApiPropertyOptional({ description: 'rules-lost: fires when a parent lost more than this percentage of its children', example: 20 })
  @IsOptionalNotNull()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'params.percent must be a number' })
  @Min(0, { message: 'params.percent must be at least 0' })
  @Max(99.99, { message: 'params.percent must be below 100' })
  percent?: number;

  @ApiPropertyOptional({ description: 'label-changed: `key:value`, or `key` for any value', example: 'environment:prod' })
  @IsOptionalNotNull()
  @IsString({ message: 'params.label must be a string' })
  @Length(1, 200, { message: 'params.label must be 1–200 characters' })
  @Matches(LABEL, { message: 'params.label must be key:value or key, without spaces' })
  label?: string;
}

export class CreateNotificationRuleRequest {
  @ApiProperty({
    example: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60',
    description: 'The workspace whose snapshots the rule watches',
    format: 'uuid',
  })
  @IsUUID('all', { message: 'workspaceId must be a workspace id (a UUID)' })
  workspaceId!: string;

  @ApiProperty({ example: 'destinations going away' })
  @IsString({ message: 'name must be a string' })
  @Length(1, 100, { message: 'name must be 1–100 characters' })
  name!: string;

  @ApiProperty({ enum: CHANGE_RULE_TYPES, example: 'deleted-or-disabled' })
  @IsIn(CHANGE_RULE_TYPES, { message: `type must be one of ${CHANGE_RULE_TYPES.join(', ')}` })
  type!: ChangeRuleType;

  @ApiProperty({ type: ChangeRuleParamsDto, example: { kind: 'destination', threshold: 2 } })
  @IsObject({ message: 'params must be an object' })
  @ValidateNested()
  @Type(() => ChangeRuleParamsDto)
  params!: ChangeRuleParamsDto;

  @ApiPropertyOptional({ example: true, default: true })
  @IsOptionalNotNull()
  @IsBoolean({ message: 'enabled must be a boolean' })
  enabled?: boolean;
}

export class UpdateNotificationRuleRequest {
  @ApiPropertyOptional({ example: 'production' })
  @IsOptionalNotNull()
  @IsString({ message: 'name must be a string' })
  @Length(1, 100, { message: 'name must be 1–100 characters' })
  name?: string;

  @ApiPropertyOptional({ example: 'deleted-or-disabled', enum: CHANGE_RULE_TYPES, description: 'A new type needs its params too' })
  @IsOptionalNotNull()
  @IsIn(CHANGE_RULE_TYPES, { message: `type must be one of ${CHANGE_RULE_TYPES.join(', ')}` })
  type?: ChangeRuleType;

  @ApiPropertyOptional({ type: ChangeRuleParamsDto, description: 'Replaces the params whole' })
  @IsOptionalNotNull()
  @IsObject({ message: 'params must be an object' })
  @ValidateNested()
  @Type(() => ChangeRuleParamsDto)
  params?: ChangeRuleParamsDto;

  @ApiPropertyOptional({ example: true })
  @IsOptionalNotNull()
  @IsBoolean({ message: 'enabled must be a boolean' })
  enabled?: boolean;
}

export class ListNotificationRulesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only the rules of this workspace', format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID('all', { message: 'workspaceId must be a workspace id (a UUID)' })
  workspaceId?: string;
}
