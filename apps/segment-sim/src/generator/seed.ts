import { SimState } from '../state/sim-state';
import { Feature, FEATURES, WorkspaceState } from '../state/workspace-state';
import { applyDrift } from './drift';
import { seedRoles, WorkspaceGenerator } from './generate-workspace';
import { Rng } from '../engine/rng';
import { IdFactory } from '../engine/ids';

export interface SeedWorkspace {
  slug: string;
  name?: string;
  token: string;
  /** Approximate resource count; 0 makes an empty workspace (roles only). */
  size?: number;
  /** The content seed: workspaces seeded alike hold the same logical configuration. */
  seed?: string;
  /** Make this workspace drift from its twin (the seeded `production`). */
  drift?: boolean;
  features?: Feature[];
  sourceAdmin?: boolean;
  /** Environment word used inside generated URLs; defaults to the slug. */
  env?: string;
}

export function seedWorkspace(state: SimState, spec: SeedWorkspace & { seed: string }): WorkspaceState {
  const id = new IdFactory(new Rng(`${spec.seed}:workspace:${spec.slug}`)).base62(22);
  const ws = new WorkspaceState(
    id,
    spec.slug,
    spec.name ?? spec.slug[0]!.toUpperCase() + spec.slug.slice(1),
    spec.seed,
    spec.features ?? FEATURES,
  );
  if ((spec.size ?? 0) > 0) {
    new WorkspaceGenerator(ws, state.catalog, spec.seed, { size: spec.size!, env: spec.env ?? spec.slug }).generate();
    if (spec.drift) applyDrift(ws, spec.seed);
  } else {
    seedRoles(ws);
  }
  state.add(ws, [{ token: spec.token, sourceAdmin: spec.sourceAdmin ?? true }]);
  return ws;
}
