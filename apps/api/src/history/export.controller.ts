import { Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiAuthErrors } from '../common/api-docs';
import type { Response } from 'express';
import { uuidParam } from '../common/ids';
import { ExportQuery } from './dto/export.query';
import { writeTarGz } from './export-archive';
import { ExportService } from './export.service';
import { WorkspaceRefs } from '../auth/workspace-scope';
import { ApiController } from '../common/api-controller';

@ApiController({ path: 'workspaces/:id/export', tag: 'history', scope: WorkspaceRefs.param() })
export class ExportController {
  constructor(private readonly exports: ExportService) {}

  /**
   * A version as a .tar.gz: manifest plus one file per resource, in a folder per kind, named by
   * natural key, keys in stable order. The same version always gives the same bytes, so two
   * exports diff cleanly in git.
   */
  @Get()
  @ApiOperation({
    summary: 'Export a version as a .tar.gz (manifest plus one file per resource)',
    description: 'The same version always gives the same bytes, so two exports diff cleanly in git.',
  })
  @ApiOkResponse({
    description: 'The archive; X-Export-Version names the version exported',
    content: { 'application/gzip': { schema: { type: 'string', format: 'binary' } } },
    headers: { 'X-Export-Version': { description: 'The version exported', schema: { type: 'integer' } } },
  })
  @ApiAuthErrors(404)
  async export(@Param('id', uuidParam()) id: string, @Query() query: ExportQuery, @Res() response: Response): Promise<void> {
    const archive = await this.exports.export(id, query);
    response.status(200);
    response.setHeader('Content-Type', 'application/gzip');
    response.setHeader('Content-Disposition', `attachment; filename="${archive.folder}.tar.gz"`);
    response.setHeader('X-Export-Version', String(archive.version));
    writeTarGz(archive, response);
  }
}
