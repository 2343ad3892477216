import { Injectable } from '@nestjs/common';
import YAML from 'yaml';
import { canonicalJson, ExportFile, exportFiles, manifestRoot, parseAt } from '@app/core';
import { StateReader, WorkspaceRepository } from '@app/store';

export type ExportFormat = 'json' | 'yaml';

/** The files of one version of a workspace, ready to be archived. */
export interface WorkspaceExport {
  /** The archive's top folder: the workspace's name and the version. */
  folder: string;
  version: number;
  /** When the version was observed; every file of the archive carries this time. */
  observedAt: Date;
  files: ExportFile[];
}

const yaml = (value: unknown) => YAML.stringify(JSON.parse(canonicalJson(value)), { sortMapEntries: true, lineWidth: 0 });

@Injectable()
export class ExportService {
  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly states: StateReader,
  ) {}

  /**
   * A version as files: a manifest (workspace, version, root hash, counts by kind) and one file
   * per resource, in a folder per kind, named by natural key, keys in stable order.
   */
  async export(workspaceId: string, request: { at?: string; format?: ExportFormat }): Promise<WorkspaceExport> {
    const workspace = await this.workspaces.get(workspaceId, { allowArchived: true });
    const point = await this.states.resolve(workspace, parseAt(request.at));
    const state = await this.states.loadAll(await this.states.stateAt(workspace, point));
    const format = request.format ?? 'json';
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
    return {
      folder: `${workspace.name.replace(/[^A-Za-z0-9._-]+/g, '_')}-v${point.version}`,
      version: point.version,
      observedAt: point.observedAt,
      files: exportFiles(state.resources, manifest, format === 'yaml' ? yaml : undefined, format),
    };
  }
}
