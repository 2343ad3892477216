import { SegmentContract } from '../src/contract/contract';
import { contractFromDocuments, specAvailable, specDir } from '../src/contract/segment-documents';
import { exerciseEverything } from './support/exercise';
import { Recorder } from './support/recorder';
import { SimHarness } from './support/sim-harness';

/**
 * The simulator against Segment's contract (the committed segment-contract.json, generated from
 * Segment's documents): every operation it serves exists in the current API with its method, path,
 * limit and feature; every answer it gives, errors included, has a status the operation declares
 * and a body that validates against the schema of the media type it is labelled with.
 */
describe('simulator conformance with Segment’s contract', () => {
  const contract = SegmentContract.load();
  let h: SimHarness;
  let rec: Recorder;

  beforeAll(async () => {
    h = await SimHarness.start({ workspaces: [{ slug: 'staging', token: 'sim_staging', size: 200, env: 'staging' }] });
    rec = new Recorder(h, h.client());
    await exerciseEverything(rec, h);
  }, 60_000);
  afterAll(() => h?.stop());

  it('exercises every operation the simulator serves', () => {
    const called = new Set(rec.calls.filter((c) => c.res.status < 300).map((c) => c.operationId));
    const missing = h.sim
      .routes()
      .map((r) => r.operationId)
      .filter((id) => !called.has(id));
    expect(missing).toEqual([]);
  });

  it('serves only operations of the current API (v73), with their method, path, limits and features', () => {
    const mismatches: string[] = [];
    for (const route of h.sim.routes()) {
      const op = contract.operation(route.operationId);
      if (!op) {
        mismatches.push(`${route.operationId}: not in v73`);
        continue;
      }
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      if (op.method !== route.method || op.path.replace(/\{\w+\}/g, '{}') !== path.replace(/\{\w+\}/g, '{}'))
        mismatches.push(`${route.operationId}: ${route.method} ${path} vs ${op.method} ${op.path}`);
      const limit = op.facts.rateLimit ? Number(/^(\d+)/.exec(op.facts.rateLimit)![1]) : undefined;
      if (limit !== route.rateLimit?.points)
        mismatches.push(`${route.operationId}: rate limit ${route.rateLimit?.points} vs ${op.facts.rateLimit}`);
      if ((op.facts.feature ?? undefined) !== route.feature)
        mismatches.push(`${route.operationId}: feature ${route.feature} vs ${op.facts.feature}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('answers every request with a declared status, in a media type the operation offers, with a body that validates', () => {
    const failures: string[] = [];
    for (const call of rec.calls) {
      const mediaType = call.res.headers.get('content-type') ?? '';
      for (const error of contract.validateResponse(call.operationId, call.res.status, mediaType, call.res.body)) {
        failures.push(`${call.method} ${call.path} (${call.operationId} ${call.res.status} ${mediaType}): ${error.message}`);
      }
    }
    expect(failures).toEqual([]);
    const operations = new Set(rec.calls.map((c) => c.operationId));
    expect(operations.size).toBe(h.sim.routes().length);
    console.info(`Contract: ${rec.calls.length} simulator answers of ${operations.size} operations validated (status, media type, body).`);
  });

  it('wraps errors in the documented envelope', () => {
    const errors = rec.calls.filter((c) => c.res.status >= 400);
    expect(errors.length).toBeGreaterThan(0);
    for (const call of errors) {
      expect(call.res.body).toEqual({ errors: [expect.objectContaining({ type: expect.any(String), message: expect.any(String) })] });
    }
  });
});

const documents = specAvailable() ? describe : describe.skip;
if (!specAvailable())
  console.warn(`Contract freshness not checked: Segment's documents were not found in ${specDir()} (set SEGMENT_SPEC_DIR).`);

documents('the committed contract', () => {
  it('is what Segment’s documents and the v73 amendments make (run `npm run contract:build` after changing either)', () => {
    expect(SegmentContract.load().document).toEqual(contractFromDocuments());
  });
});
