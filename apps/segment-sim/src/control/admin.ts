import { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http/request';
import { SimError } from '../http/sim-error';
import type { SegmentSimulator } from '../sim-server';
import { dumpWorkspace, SimDump } from '../state/state-file';
import { Feature, FEATURES } from '../state/workspace-state';
import { seedWorkspace, SeedWorkspace } from '../generator/seed';
import { FaultRule } from './faults';
import { RateLimitSettings } from './rate-limits';

const ADMIN_BODY_LIMIT = 512 * 1024 * 1024;

type AdminHandler = (sim: SegmentSimulator, params: string[], body: unknown) => { status?: number; body: unknown };

function workspaceOf(sim: SegmentSimulator, slug: string) {
  const ws = sim.state.workspaces.get(slug);
  if (!ws) throw new SimError(404, 'NotFound', `No simulated workspace '${slug}'.`);
  return ws;
}

function checkFeatures(features: unknown): Feature[] {
  if (!Array.isArray(features) || features.some((f) => !FEATURES.includes(f as Feature))) {
    throw new SimError(
      422,
      'ValidationFailure',
      `features must be a list drawn from: ${FEATURES.join(', ')} (the features whose endpoints the simulator serves).`,
      'features',
    );
  }
  return features as Feature[];
}

function describe(sim: SegmentSimulator, slug: string) {
  const ws = workspaceOf(sim, slug);
  return {
    id: ws.id,
    slug: ws.slug,
    name: ws.name,
    features: [...ws.features],
    tokens: sim.state.tokensOf(ws).map(({ token, sourceAdmin }) => ({ token, sourceAdmin })),
    counts: ws.counts(),
    totalResources: ws.totalResources(),
  };
}

const asObject = (body: unknown): Record<string, unknown> => {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new SimError(422, 'ValidationFailure', 'The body must be a JSON object.');
  return body as Record<string, unknown>;
};

/**
 * The simulator's own control surface (not part of Segment's API): inspect and reset state,
 * create workspaces, toggle features, inject faults, tune rate limits, read request counters.
 */
const ROUTES: Array<[string, RegExp, AdminHandler]> = [
  [
    'GET',
    /^\/__sim\/?$/,
    (sim) => ({ body: { name: 'segment-sim', instanceId: sim.instanceId, endpoints: ROUTES.map(([m, r]) => `${m} ${r.source}`) } }),
  ],
  ['GET', /^\/__sim\/health$/, () => ({ body: { ok: true } })],
  [
    'GET',
    /^\/__sim\/workspaces$/,
    (sim) => ({ body: { workspaces: [...sim.state.workspaces.keys()].map((slug) => describe(sim, slug)) } }),
  ],
  [
    'POST',
    /^\/__sim\/workspaces$/,
    (sim, _p, body) => {
      const spec = asObject(body) as unknown as SeedWorkspace;
      if (typeof spec.slug !== 'string' || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(spec.slug))
        throw new SimError(422, 'ValidationFailure', 'slug must be lowercase letters, digits and dashes.', 'slug');
      if (typeof spec.token !== 'string' || spec.token.length === 0)
        throw new SimError(422, 'ValidationFailure', 'token is required.', 'token');
      if (sim.state.workspaces.has(spec.slug)) throw new SimError(409, 'Conflict', `Workspace '${spec.slug}' exists.`, 'slug');
      if (sim.state.tokens.has(spec.token)) throw new SimError(409, 'Conflict', 'That token is already in use.', 'token');
      if (spec.features !== undefined) checkFeatures(spec.features);
      seedWorkspace(sim.state, { ...spec, seed: spec.seed ?? sim.options.seed });
      return { status: 201, body: describe(sim, spec.slug) };
    },
  ],
  ['GET', /^\/__sim\/workspaces\/([^/]+)$/, (sim, [slug]) => ({ body: describe(sim, slug!) })],
  [
    'DELETE',
    /^\/__sim\/workspaces\/([^/]+)$/,
    (sim, [slug]) => {
      workspaceOf(sim, slug!);
      sim.state.remove(slug!);
      return { body: { deleted: slug } };
    },
  ],
  ['GET', /^\/__sim\/workspaces\/([^/]+)\/state$/, (sim, [slug]) => ({ body: dumpWorkspace(sim.state, workspaceOf(sim, slug!)) })],
  [
    'PUT',
    /^\/__sim\/workspaces\/([^/]+)\/features$/,
    (sim, [slug], body) => {
      workspaceOf(sim, slug!);
      sim.state.setFeatures(slug!, checkFeatures(asObject(body).features));
      return { body: describe(sim, slug!) };
    },
  ],
  [
    'POST',
    /^\/__sim\/workspaces\/([^/]+)\/tokens$/,
    (sim, [slug], body) => {
      const ws = workspaceOf(sim, slug!);
      const { token, sourceAdmin } = asObject(body);
      if (typeof token !== 'string' || !token) throw new SimError(422, 'ValidationFailure', 'token is required.', 'token');
      if (sim.state.tokens.has(token)) throw new SimError(409, 'Conflict', 'That token is already in use.', 'token');
      sim.state.addToken(ws, token, sourceAdmin !== false);
      return { status: 201, body: describe(sim, slug!) };
    },
  ],
  [
    'POST',
    /^\/__sim\/workspaces\/([^/]+)\/invites\/([^/]+)\/accept$/,
    (sim, [slug, email], body) => {
      // Stands in for a person accepting their invite: the only way a user comes to exist.
      const ws = workspaceOf(sim, slug!);
      const address = decodeURIComponent(email!);
      const invite = ws.invites.get(address);
      if (!invite) throw new SimError(404, 'NotFound', `No pending invite for '${address}'.`);
      const name = (body as { name?: string } | undefined)?.name ?? address.split('@')[0]!;
      const user = {
        id: ws.ids.base62(),
        name,
        email: address,
        permissions: invite.permissions.map((p) => ({
          roleId: p.roleId,
          resources: (p.resources ?? []).map((r) => ({ ...r, labels: p.labels })),
        })),
      };
      ws.users.set(user.id, user);
      ws.invites.delete(address);
      for (const groupId of invite.groupIds) {
        const group = ws.userGroups.get(groupId);
        if (!group) continue;
        group.inviteEmails = group.inviteEmails.filter((e) => e !== address);
        group.memberEmails.push(address);
      }
      return { status: 201, body: { user } };
    },
  ],
  ['GET', /^\/__sim\/export$/, (sim) => ({ body: sim.exportState() })],
  [
    'POST',
    /^\/__sim\/import$/,
    (sim, _p, body) => {
      try {
        sim.importState(body as SimDump);
      } catch (error) {
        throw new SimError(422, 'ValidationFailure', (error as Error).message);
      }
      return { body: { workspaces: [...sim.state.workspaces.keys()] } };
    },
  ],
  [
    'POST',
    /^\/__sim\/reset$/,
    (sim) => {
      sim.reset();
      return { body: { workspaces: [...sim.state.workspaces.keys()] } };
    },
  ],
  ['GET', /^\/__sim\/faults$/, (sim) => ({ body: { faults: sim.faults.list() } })],
  [
    'POST',
    /^\/__sim\/faults$/,
    (sim, _p, body) => {
      try {
        return { status: 201, body: sim.faults.add(asObject(body) as unknown as FaultRule) };
      } catch (error) {
        if (error instanceof SimError) throw error;
        throw new SimError(422, 'ValidationFailure', (error as Error).message);
      }
    },
  ],
  [
    'PUT',
    /^\/__sim\/faults$/,
    (sim, _p, body) => {
      const faults = (asObject(body).faults ?? []) as FaultRule[];
      try {
        sim.faults.replace(faults);
      } catch (error) {
        throw new SimError(422, 'ValidationFailure', (error as Error).message, 'faults');
      }
      return { body: { faults: sim.faults.list() } };
    },
  ],
  [
    'DELETE',
    /^\/__sim\/faults$/,
    (sim) => {
      sim.faults.clear();
      return { body: { faults: [] } };
    },
  ],
  [
    'DELETE',
    /^\/__sim\/faults\/([^/]+)$/,
    (sim, [id]) => {
      if (!sim.faults.remove(id!)) throw new SimError(404, 'NotFound', `No fault '${id}'.`);
      return { body: { faults: sim.faults.list() } };
    },
  ],
  ['GET', /^\/__sim\/rate-limits$/, (sim) => ({ body: sim.rateLimits.settings })],
  [
    'PUT',
    /^\/__sim\/rate-limits$/,
    (sim, _p, body) => {
      const patch = asObject(body) as Partial<RateLimitSettings>;
      if (patch.perMinute !== undefined && (!Number.isInteger(patch.perMinute) || patch.perMinute < 1))
        throw new SimError(422, 'ValidationFailure', 'perMinute must be a positive integer.', 'perMinute');
      if (patch.timeScale !== undefined && (typeof patch.timeScale !== 'number' || patch.timeScale <= 0))
        throw new SimError(422, 'ValidationFailure', 'timeScale must be a positive number.', 'timeScale');
      if (patch.enabled !== undefined && typeof patch.enabled !== 'boolean')
        throw new SimError(422, 'ValidationFailure', 'enabled must be a boolean.', 'enabled');
      sim.rateLimits.update(patch);
      return { body: sim.rateLimits.settings };
    },
  ],
  ['GET', /^\/__sim\/stats$/, (sim) => ({ body: sim.stats.snapshot() })],
  [
    'DELETE',
    /^\/__sim\/stats$/,
    (sim) => {
      sim.stats.reset();
      return { body: sim.stats.snapshot() };
    },
  ],
];

export async function handleAdmin(sim: SegmentSimulator, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  try {
    const method = (req.method ?? 'GET').toUpperCase();
    const matches = ROUTES.filter(([, pattern]) => pattern.test(url.pathname));
    const route = matches.find(([m]) => m === method);
    if (!route) {
      throw matches.length
        ? new SimError(405, 'MethodNotAllowed', `${method} is not allowed on ${url.pathname}`)
        : new SimError(404, 'NotFound', `No admin endpoint ${url.pathname}`);
    }
    const body = method === 'GET' ? undefined : await readBody(req, ADMIN_BODY_LIMIT);
    const params = route[1].exec(url.pathname)!.slice(1);
    const result = route[2](sim, params, body);
    sim.send(res, result.status ?? 200, result.body);
  } catch (error) {
    if (error instanceof SimError) return sim.send(res, error.status, error.toBody());
    throw error;
  }
}
