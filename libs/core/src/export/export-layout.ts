import { createHash } from 'node:crypto';
import { canonicalJson } from '../json';
import { Resource } from '../resources';

/** What an export writes of a resource. */
export type ExportResource = Pick<Resource, 'kind' | 'id' | 'naturalKey' | 'body'>;

export interface ExportFile {
  path: string;
  content: string;
}

/** A file name from a natural key: readable, portable, at most 120 characters. */
export function fileStem(naturalKey: string): string {
  // parts of a natural key ("web / amplitude / Amplitude (web)") are joined by a double
  // underscore, which the cleaning of each part never produces
  const stem = naturalKey
    .split(' / ')
    .map((part) =>
      part
        .replace(/[^A-Za-z0-9.() @+,=-]+/g, '_')
        .replace(/_+/g, '_')
        .replace(/^[._ ]+|[._ ]+$/g, ''),
    )
    .join('__')
    .slice(0, 120)
    .replace(/[._ ]+$/g, '');
  return stem || 'unnamed';
}

/** JSON with keys in stable order and two-space indentation, so that exports diff cleanly. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(JSON.parse(canonicalJson(value)), null, 2)}\n`;
}

/**
 * The files of an export: `manifest.json` and one file per resource under a folder per kind,
 * named by natural key (a short hash of the id is added when two names collide). Same state,
 * same files, byte for byte.
 */
export function exportFiles(
  resources: ExportResource[],
  manifest: Record<string, unknown>,
  serialize: (value: unknown) => string = stableJson,
  extension = 'json',
): ExportFile[] {
  const used = new Set<string>();
  const sorted = [...resources].sort(
    (a, b) => a.kind.localeCompare(b.kind) || a.naturalKey.localeCompare(b.naturalKey) || a.id.localeCompare(b.id),
  );
  const files: ExportFile[] = sorted.map((resource) => {
    let path = `${resource.kind}/${fileStem(resource.naturalKey)}.${extension}`;
    if (used.has(path.toLowerCase())) {
      const suffix = createHash('sha256').update(resource.id).digest('hex').slice(0, 8);
      path = `${resource.kind}/${fileStem(resource.naturalKey)}~${suffix}.${extension}`;
    }
    used.add(path.toLowerCase());
    return { path, content: serialize({ kind: resource.kind, id: resource.id, naturalKey: resource.naturalKey, body: resource.body }) };
  });
  return [{ path: `manifest.${extension}`, content: serialize(manifest) }, ...files];
}
