import { Rng } from '../engine/rng';
import { WorkspaceState } from '../state/workspace-state';
import { defaultSchemaSettings } from '../resources/sources.routes';

/**
 * Makes a generated workspace differ from its twin the way a real production differs from
 * staging: a few destinations missing or disabled, filters edited, settings changed, a
 * production-only source. Deterministic for a seed.
 */
export function applyDrift(ws: WorkspaceState, seed: string): { removedDestinations: number; disabled: number; editedFilters: number } {
  const rng = new Rng(`${seed}:drift`);
  const destinations = ws.destinations.values();
  let removedDestinations = 0;
  let disabled = 0;
  let editedFilters = 0;
  for (const destination of destinations) {
    const roll = rng.next();
    const blocked = ws.insertFunctionInstances.values().some((i) => i.integrationId === destination.id);
    if (roll < 0.02 && !blocked) {
      ws.destinations.delete(destination.id);
      ws.filters.delete(destination.id);
      ws.subscriptions.delete(destination.id);
      removedDestinations++;
    } else if (roll < 0.04) {
      destination.enabled = !destination.enabled;
      disabled++;
    }
  }
  for (const filters of ws.filters.values()) {
    for (const filter of filters.values()) {
      if (rng.chance(0.03)) {
        filter.if = `${filter.if} and context.library.name != "analytics-node"`;
        editedFilters++;
      }
    }
  }
  const firstSource = ws.sources.values()[0];
  if (firstSource) {
    const now = '2026-02-01T10:00:00.000Z';
    const id = ws.ids.base62();
    ws.sources.set(id, {
      ...structuredClone(firstSource),
      id,
      slug: `${firstSource.slug}-prod-only`,
      name: `${firstSource.name} (prod only)`,
      writeKeys: [ws.ids.writeKey()],
      labels: [],
      createdAt: now,
      updatedAt: now,
    });
    ws.schemaSettings.set(id, defaultSchemaSettings());
  }
  return { removedDestinations, disabled, editedFilters };
}
