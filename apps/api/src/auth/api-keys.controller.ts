import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { NotFoundError } from '@app/core';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { API_ROLES, ApiKeyRecord, ApiKeyRepository, ApiRole } from '@app/store';
import { uuidParam } from '../common/ids';
import { RequireRole } from './auth.decorators';

export class CreateApiKeyRequest {
  @ApiProperty({ example: 'nightly-ci' })
  @IsString()
  @Length(1, 100, { message: 'name must be 1–100 characters' })
  name!: string;

  @ApiProperty({ enum: API_ROLES })
  @IsIn(API_ROLES, { message: `role must be one of ${API_ROLES.join(', ')}` })
  role!: ApiRole;
}

const view = (record: ApiKeyRecord) => ({
  id: record.id,
  name: record.name,
  role: record.role,
  prefix: record.prefix,
  createdAt: record.createdAt,
  lastUsedAt: record.lastUsedAt,
  revokedAt: record.revokedAt,
});

@ApiTags('api-keys')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeyRepository) {}

  /** The key is in the answer this once; only its hash is kept. */
  @Post()
  async create(@Body() body: CreateApiKeyRequest) {
    const { record, key } = await this.keys.create(body.name, body.role);
    return { ...view(record), key };
  }

  @Get()
  async list() {
    return { items: (await this.keys.list()).map(view) };
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@Param('id', uuidParam('API key')) id: string): Promise<void> {
    const revoked = (await this.keys.revoke(id)) as { count: number };
    if (!revoked.count) throw new NotFoundError(`No active API key '${id}'`, { id });
  }
}
