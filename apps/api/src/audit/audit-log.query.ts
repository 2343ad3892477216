import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQuery } from '../common/pagination';

/** Postgres refuses NUL characters in text: a 400 here, not a 500 there. */
const NO_NUL = new RegExp(`^[^${String.fromCharCode(0)}]*$`);

export class AuditLogQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'a workspace id or name (purged ones too)' })
  @IsOptional()
  @IsString({ message: 'workspace must be a workspace id or name, given once' })
  @Length(1, 200, { message: 'workspace must be 1–200 characters' })
  @Matches(NO_NUL, { message: 'workspace must not contain NUL characters' })
  workspace?: string;

  @ApiPropertyOptional({ example: 'workspaces.purge' })
  @IsOptional()
  @IsString({ message: 'action must be an action name, given once' })
  @Length(1, 200, { message: 'action must be 1–200 characters' })
  @Matches(NO_NUL, { message: 'action must not contain NUL characters' })
  action?: string;

  @ApiPropertyOptional({ description: 'entries at or after this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'since must be an ISO 8601 instant, given once' })
  since?: string;
}
