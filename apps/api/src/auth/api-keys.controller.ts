import { Body, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiAuthErrors } from '../common/api-docs';
import { ApiKeyListResponse, CreatedApiKeyResponse } from './dto/api-key.responses';
import { uuidParam } from '../common/ids';
import { apiKeyView } from './api-key.view';
import { ApiKeysService } from './api-keys.service';
import { CreateApiKeyRequest } from './dto/create-api-key.request';
import { GLOBAL_ROUTE } from './workspace-scope';
import { ApiController } from '../common/api-controller';

@ApiController({ path: 'api-keys', tag: 'api-keys', scope: GLOBAL_ROUTE, role: 'admin' })
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  /** The key is in the answer this once; only its hash is kept. */
  @Post()
  @ApiOperation({
    summary: 'Create an API key (admin)',
    description: 'The key is in this answer only (its hash is kept). `workspaces` limits it to those workspaces.',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  @ApiAuthErrors(404)
  async create(@Body() body: CreateApiKeyRequest) {
    const { record, key } = await this.keys.create(body.name, body.role, body.workspaces);
    return { ...apiKeyView(record), key };
  }

  @Get()
  @ApiOperation({ summary: 'List API keys (admin): never the keys themselves' })
  @ApiOkResponse({ type: ApiKeyListResponse })
  @ApiAuthErrors()
  async list() {
    return { items: (await this.keys.list()).map(apiKeyView) };
  }

  /** 409 for the last active admin key, and for ADMIN_API_KEY's (valid while it is configured). */
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke an API key (admin)',
    description: "409 for the last active admin key, and for ADMIN_API_KEY's while it is configured.",
  })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiAuthErrors(404, 409)
  async revoke(@Param('id', uuidParam('API key')) id: string): Promise<void> {
    await this.keys.revoke(id);
  }
}
