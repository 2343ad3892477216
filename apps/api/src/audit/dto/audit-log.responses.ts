import { ApiProperty } from '@nestjs/swagger';
import { DATE_TIME, PageResponse } from '../../common/api-docs';

/** One mutating request, as the audit log keeps it: never a body. */
export class AuditEntryResponse {
  @ApiProperty({ description: 'Increasing with time (a bigint, as text)', example: '1042' })
  id!: string;

  @ApiProperty(DATE_TIME)
  at!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The API key (null: refused before a key was known)' })
  actorKeyId!: string | null;

  @ApiProperty({ example: 'nightly-ci' })
  actorName!: string;

  @ApiProperty({ example: 'workspaces.create' })
  action!: string;

  @ApiProperty({ example: 'POST' })
  method!: string;

  @ApiProperty({ example: '/workspaces' })
  target!: string;

  @ApiProperty({ type: String, nullable: true })
  workspaceId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  workspaceName!: string | null;

  @ApiProperty({ example: 201 })
  status!: number;

  @ApiProperty({ enum: ['ok', 'refused', 'failed'] })
  outcome!: string;

  @ApiProperty()
  requestId!: string;
}

export class AuditLogPageResponse extends PageResponse {
  @ApiProperty({ type: () => [AuditEntryResponse] })
  items!: AuditEntryResponse[];
}
