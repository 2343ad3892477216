import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { createGzip } from 'node:zlib';
import { pack } from 'tar-stream';
import YAML from 'yaml';
import { canonicalJson, exportFiles, manifestRoot } from '@app/core';
import { parseAt, StateReader, WorkspaceRepository } from '@app/store';
import { uuidParam } from '../common/ids';

class ExportQuery {
  @IsOptional()
  @IsString()
  at?: string;

  @IsOptional()
  @IsIn(['json', 'yaml'], { message: 'format must be json or yaml' })
  format?: 'json' | 'yaml';
}

const yaml = (value: unknown) => YAML.stringify(JSON.parse(canonicalJson(value)), { sortMapEntries: true, lineWidth: 0 });

@ApiTags('history')
@ApiBearerAuth()
@Controller('workspaces/:id/export')
export class ExportController {
  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly states: StateReader,
  ) {}

  /**
   * A version as a .tar.gz: manifest plus one file per resource, in a folder per kind, named by
   * natural key, keys in stable order. The same version always gives the same bytes, so two
   * exports diff cleanly in git.
   */
  @Get()
  @ApiProduces('application/gzip')
  async export(@Param('id', uuidParam()) id: string, @Query() query: ExportQuery, @Res() response: Response): Promise<void> {
    const workspace = await this.workspaces.get(id, { allowArchived: true });
    const point = await this.states.resolve(workspace, parseAt(query.at));
    const state = await this.states.loadAll(await this.states.stateAt(workspace, point));
    const format = query.format ?? 'json';
    const counts: Record<string, number> = {};
    for (const r of state.resources) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
    const manifest = {
      format: 'segment-config-export/v1',
      workspace: {
        id: workspace.id,
        name: workspace.name,
        segmentWorkspaceId: workspace.segmentWorkspaceId,
        segmentSlug: workspace.segmentSlug,
      },
      version: point.version,
      observedAt: point.observedAt.toISOString(),
      rootHash: manifestRoot(state.resources),
      counts,
    };
    const files = exportFiles(state.resources, manifest, format === 'yaml' ? yaml : undefined, format);
    const folder = `${workspace.name.replace(/[^A-Za-z0-9._-]+/g, '_')}-v${point.version}`;
    response.status(200);
    response.setHeader('Content-Type', 'application/gzip');
    response.setHeader('Content-Disposition', `attachment; filename="${folder}.tar.gz"`);
    response.setHeader('X-Export-Version', String(point.version));
    const tar = pack();
    // A fixed time stamp keeps the archive identical for identical versions.
    const mtime = point.observedAt;
    tar.pipe(createGzip()).pipe(response);
    for (const file of files)
      tar.entry({ name: `${folder}/${file.path}`, mtime, mode: 0o644, uid: 0, gid: 0, uname: '', gname: '' }, file.content);
    tar.finalize();
  }
}
