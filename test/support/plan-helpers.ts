import { SimClient } from '../../apps/segment-sim/test/support/sim-harness';
import { eventually, TestContext } from './test-context';
import type { WorkspaceState } from '../../apps/segment-sim/src/state/workspace-state';

type Http = ReturnType<TestContext['http']>;

/** Polls a plan until it reaches one of the statuses (the last body is returned). */
export async function planIn(http: Http, planId: string, statuses: string[], timeoutMs = 60_000): Promise<any> {
  return eventually(
    async () => {
      const response = await http.get(`/plans/${planId}?limit=1000`);
      if (response.status !== 200) throw new Error(`GET /plans/${planId} → ${response.status} ${JSON.stringify(response.body)}`);
      return statuses.includes(response.body.status) ? response.body : undefined;
    },
    timeoutMs,
    `plan ${planId} to be ${statuses.join(' or ')}`,
  );
}

/** Asks for a restore and waits for its plan. */
export async function planRestore(http: Http, workspaceId: string, body: Record<string, unknown>): Promise<any> {
  const response = await http.post(`/workspaces/${workspaceId}/restores`).send(body);
  if (response.status !== 202) throw new Error(`restore → ${response.status} ${JSON.stringify(response.body)}`);
  return planIn(http, response.body.planId, ['ready', 'failed']);
}

/** Applies a ready plan and waits until it is verified (or stopped). */
export async function applyPlan(http: Http, planId: string, timeoutMs = 120_000): Promise<any> {
  const response = await http.post(`/plans/${planId}/apply`);
  if (response.status !== 202) throw new Error(`apply → ${response.status} ${JSON.stringify(response.body)}`);
  return planIn(http, planId, ['completed', 'partial', 'conflict', 'failed'], timeoutMs);
}

/**
 * A client for the simulator's Segment API as a contract-abiding client calls it (a list's page
 * size, a body in the media type the operation takes), failing loudly on any error.
 */
export function segmentApi(ctx: TestContext, token = 'sim_staging') {
  return async (method: string, path: string, body?: unknown): Promise<any> => {
    const response = await new SimClient(ctx.simUrl, token).call(method, path, { body });
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.data;
  };
}

/**
 * A plan that did all it could while what only a person can do stays open (secrets Segment
 * never shows, invitations to accept): partial, never completed, and its report names each one.
 */
export function expectOnlyHumanTasksLeft(done: any): void {
  expect(done.report).toMatchObject({ verified: true, differences: [], failed: [], otherGaps: [] });
  const secrets = done.report.secretsMissing.map((s: { kind: string; fields: string[] }) =>
    expect.stringMatching(new RegExp(`^${s.kind} '.+': secret ${s.fields.join(', ').replace(/\./g, '\\.')} not supplied$`)),
  );
  const invites = done.report.invitesPending.map((i: { message: string }) => expect.stringContaining(i.message));
  expect(secrets.length + invites.length).toBeGreaterThan(0);
  expect(done.report.left).toEqual(expect.arrayContaining([...secrets, ...invites]));
  expect(done.report.left).toHaveLength(secrets.length + invites.length + done.report.computedBySegment.length);
  expect(done.status).toBe('partial');
}

/**
 * A destination of the simulator's workspace with an API key and nothing hanging off it (no
 * filter, subscription or insert function): restoring it alone is one create step.
 */
export function destinationStandingAlone(ws: WorkspaceState) {
  return ws.destinations
    .values()
    .find(
      (d) =>
        typeof d.settings.apiKey === 'string' &&
        !ws.filters.get(d.id)?.size &&
        !ws.subscriptions.get(d.id)?.size &&
        !ws.insertFunctionInstances.values().some((i) => i.integrationId === d.id),
    )!;
}
