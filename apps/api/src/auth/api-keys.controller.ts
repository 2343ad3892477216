import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '../common/ids';
import { apiKeyView } from './api-key.view';
import { ApiKeysService } from './api-keys.service';
import { RequireRole } from './auth.decorators';
import { CreateApiKeyRequest } from './dto/create-api-key.request';
import { GLOBAL_ROUTE, ScopedBy } from './workspace-scope';

@ApiTags('api-keys')
@ApiBearerAuth()
@RequireRole('admin')
@ScopedBy(GLOBAL_ROUTE)
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  /** The key is in the answer this once; only its hash is kept. */
  @Post()
  async create(@Body() body: CreateApiKeyRequest) {
    const { record, key } = await this.keys.create(body.name, body.role, body.workspaces);
    return { ...apiKeyView(record), key };
  }

  @Get()
  async list() {
    return { items: (await this.keys.list()).map(apiKeyView) };
  }

  /** 409 for the last active admin key, and for ADMIN_API_KEY's (valid while it is configured). */
  @Delete(':id')
  @HttpCode(204)
  async revoke(@Param('id', uuidParam('API key')) id: string): Promise<void> {
    await this.keys.revoke(id);
  }
}
