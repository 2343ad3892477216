import { ApiProperty } from '@nestjs/swagger';
import { API_ROLES } from '@app/store';
import { DATE_TIME } from '../../common/api-docs';

/** An API key as the API shows it: never its hash. */
export class ApiKeyResponse {
  @ApiProperty({ example: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60', format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'nightly-ci' })
  name!: string;

  @ApiProperty({ example: 'admin', enum: [...API_ROLES] })
  role!: string;

  @ApiProperty({ description: 'The first 12 characters of the key, to recognise it', example: 'sbk_1a2b3c4d' })
  prefix!: string;

  @ApiProperty(DATE_TIME)
  createdAt!: string;

  @ApiProperty({ ...DATE_TIME, nullable: true })
  lastUsedAt!: string | null;

  @ApiProperty({ ...DATE_TIME, nullable: true })
  revokedAt!: string | null;

  @ApiProperty({
    example: ['6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60'],
    type: [String],
    nullable: true,
    description: 'The workspaces (ids) the key may touch; null: every workspace',
  })
  workspaces!: string[] | null;
}

/** A new key: the only answer that holds the key itself. */
export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({
    example: 'sbk_1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d',
    description: 'The key, shown this once (only its hash is kept): send it as `Authorization: Bearer <key>`',
  })
  key!: string;
}

export class ApiKeyListResponse {
  @ApiProperty({ type: () => [ApiKeyResponse] })
  items!: ApiKeyResponse[];
}
