import { ApiProperty } from '@nestjs/swagger';
import { DATE_TIME, PageResponse } from '../../common/api-docs';

/** One mutating request, as the audit log keeps it: never a body. */
export class AuditEntryResponse {
  @ApiProperty({ description: 'Increasing with time (a bigint, as text)', example: '1042' })
  id!: string;

  @ApiProperty(DATE_TIME)
  at!: string;

  @ApiProperty({
    example: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60',
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The API key (null: refused before a key was known)',
  })
  actorKeyId!: string | null;

  @ApiProperty({ example: 'nightly-ci' })
  actorName!: string;

  @ApiProperty({ example: 'workspaces.create' })
  action!: string;

  @ApiProperty({ example: 'POST' })
  method!: string;

  @ApiProperty({ example: '/workspaces' })
  target!: string;

  @ApiProperty({ example: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60', type: String, nullable: true })
  workspaceId!: string | null;

  @ApiProperty({ example: 'production', type: String, nullable: true })
  workspaceName!: string | null;

  @ApiProperty({ example: 201 })
  status!: number;

  @ApiProperty({ example: 'ok', enum: ['ok', 'refused', 'failed'] })
  outcome!: string;

  @ApiProperty({ example: 'req-7f3a9c21' })
  requestId!: string;
}

export class AuditLogPageResponse extends PageResponse {
  @ApiProperty({ type: () => [AuditEntryResponse] })
  items!: AuditEntryResponse[];
}
