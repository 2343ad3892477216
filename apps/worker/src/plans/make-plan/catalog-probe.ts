import { Inject, Injectable } from '@nestjs/common';
import { getAt, KIND_CATALOG, KindCatalog, NaturalKeyResolver, WorkspaceState } from '@app/core';
import { SegmentApiError } from '@app/segment';
import { WorkspaceRepository } from '@app/store';
import { SegmentConnectionFactory } from '../../segment/segment-connection.factory';

/**
 * Which catalog entries a copy needs that the target's catalog lacks (another region's catalog,
 * an entry Segment retired). Catalog ids are global, so only entries are asked for, once each;
 * values that are really workspace resources (a destination function's catalog id) are not.
 */
@Injectable()
export class CatalogProbe {
  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly connections: SegmentConnectionFactory,
    @Inject(KIND_CATALOG) private readonly catalog: KindCatalog,
  ) {}

  async missing(source: WorkspaceState, targetWorkspaceId: string): Promise<Set<string>> {
    const resolver = new NaturalKeyResolver(this.catalog, source.workspaceSlug, source.resources);
    const wanted = new Map<string, string>();
    for (const resource of source.resources) {
      const definition = this.catalog.has(resource.kind) ? this.catalog.get(resource.kind) : undefined;
      const entry = definition?.catalogEntry;
      if (!entry) continue;
      const value = getAt(resource.body, entry.pointer);
      if (typeof value !== 'string' || !value) continue;
      const isResource = definition
        .references(resource.body)
        .some((r) => r.pointer === entry.pointer && resolver.target(r.kind, r.value, r.by) !== undefined);
      if (!isResource) wanted.set(value, entry.path.replace('{id}', encodeURIComponent(value)));
    }
    const client = this.connections.forWorkspace(await this.workspaces.get(targetWorkspaceId));
    const missing = new Set<string>();
    await Promise.all(
      [...wanted].map(async ([value, path]) => {
        try {
          await client.get(path);
        } catch (error) {
          if (error instanceof SegmentApiError && error.status === 404) missing.add(value);
          else throw error;
        }
      }),
    );
    return missing;
  }
}
