import { ApiProperty } from '@nestjs/swagger';
import { API_ROLES } from '@app/store';
import { DATE_TIME } from '../../common/api-docs';

/** An API key as the API shows it: never its hash. */
export class ApiKeyResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'nightly-ci' })
  name!: string;

  @ApiProperty({ enum: [...API_ROLES] })
  role!: string;

  @ApiProperty({ description: 'The first 12 characters of the key, to recognise it', example: 'sbk_1a2b3c4d' })
  prefix!: string;

  @ApiProperty(DATE_TIME)
  createdAt!: string;

  @ApiProperty({ ...DATE_TIME, nullable: true })
  lastUsedAt!: string | null;

  @ApiProperty({ ...DATE_TIME, nullable: true })
  revokedAt!: string | null;

  @ApiProperty({ type: [String], nullable: true, description: 'The workspaces (ids) the key may touch; null: every workspace' })
  workspaces!: string[] | null;
}

/** A new key: the only answer that holds the key itself. */
export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({ description: 'The key, shown this once (only its hash is kept): send it as `Authorization: Bearer <key>`' })
  key!: string;
}

export class ApiKeyListResponse {
  @ApiProperty({ type: () => [ApiKeyResponse] })
  items!: ApiKeyResponse[];
}
