import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import YAML from 'yaml';
import { buildContract, V73Inventory } from './build-contract';

const V32_FILE = 'public-api.openapi.yaml';
const V73_FILE = 'public-api-73.2.0-endpoints.json';

/** The repository root: the nearest folder above holding both `package.json` and `apps/`. */
export function repositoryRoot(from = __dirname): string {
  let dir = from;
  while (!(existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'apps')))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no repository root above ${from}`);
    dir = parent;
  }
  return dir;
}

/** Segment's documents live beside the repository (../shared/segment), or where SEGMENT_SPEC_DIR says. */
export const specDir = (): string => process.env.SEGMENT_SPEC_DIR ?? resolve(repositoryRoot(), '..', 'shared', 'segment');

export const specAvailable = (): boolean => existsSync(join(specDir(), V32_FILE)) && existsSync(join(specDir(), V73_FILE));

export interface SegmentDocuments {
  v32Text: string;
  v73Text: string;
  v32: Record<string, unknown>;
  v73: V73Inventory;
}

export function readSegmentDocuments(dir = specDir()): SegmentDocuments {
  const v32Text = readFileSync(join(dir, V32_FILE), 'utf8');
  const v73Text = readFileSync(join(dir, V73_FILE), 'utf8');
  return { v32Text, v73Text, v32: YAML.parse(v32Text) as Record<string, unknown>, v73: JSON.parse(v73Text) as V73Inventory };
}

/** The contract as the documents in `dir` make it (what `npm run contract:build` writes). */
export function contractFromDocuments(documents = readSegmentDocuments()): Record<string, unknown> {
  return buildContract(documents.v32, documents.v73, {
    v32: { file: V32_FILE, text: documents.v32Text },
    v73: { file: V73_FILE, text: documents.v73Text },
  });
}
