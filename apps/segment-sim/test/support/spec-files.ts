import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import YAML from 'yaml';

/** Segment's documents live beside the repository (../shared/segment), or where SEGMENT_SPEC_DIR says. */
export const SPEC_DIR = process.env.SEGMENT_SPEC_DIR ?? resolve(__dirname, '..', '..', '..', '..', '..', 'shared', 'segment');
export const V32_PATH = join(SPEC_DIR, 'public-api.openapi.yaml');
export const V73_PATH = join(SPEC_DIR, 'public-api-73.2.0-endpoints.json');
export const specAvailable = existsSync(V32_PATH) && existsSync(V73_PATH);

export interface V73Operation {
  operationId: string;
  method: string;
  path: string;
  mediaTypes: string[];
  responseDataFields: Array<[string, string]>;
  rateLimit: string | null;
  requiresFeature: string | null;
}

/**
 * Loads the v32 OpenAPI document for a validator. Three schemas in it put `nullable` beside
 * `allOf` without a `type`, which JSON-Schema validators (Ajv) refuse; dropping that `nullable`
 * only widens nothing we send (none of the three is ever null in our responses).
 */
export function loadV32(): Record<string, unknown> {
  const definition = YAML.parse(readFileSync(V32_PATH, 'utf8'));
  const normalize = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(normalize);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.nullable && !record.type) delete record.nullable;
      Object.values(record).forEach(normalize);
    }
  };
  normalize(definition);
  extendEnums(definition);
  return definition;
}

/**
 * Enum values the current API (v73) added after v32, as RESOURCES.md documents them: insert
 * function types (§2 row 3). Only these are widened.
 */
const V73_ENUM_ADDITIONS: Array<{ property: string; values: string[] }> = [
  { property: 'resourceType', values: ['INSERT_SOURCE', 'INSERT_DESTINATION', 'INSERT_TRANSFORMATION'] },
];

function extendEnums(definition: Record<string, unknown>): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const properties = record.properties as Record<string, { enum?: string[] }> | undefined;
    for (const addition of V73_ENUM_ADDITIONS) {
      const property = properties?.[addition.property];
      if (property?.enum?.includes('SOURCE') && property.enum.includes('DESTINATION')) {
        property.enum = [...new Set([...property.enum, ...addition.values])];
      }
    }
    Object.values(record).forEach(visit);
  };
  visit(definition);
}

export function loadV73(): V73Operation[] {
  return (JSON.parse(readFileSync(V73_PATH, 'utf8')) as { operations: V73Operation[] }).operations;
}
