import { MockAgent } from 'undici';
import { WriteRequest } from '../../libs/core/src';
import { observeSegmentRequests, SegmentClient, SentRequest } from '../../libs/segment/src/http/segment-client';
import { UNLIMITED } from '../../libs/segment/src/rate-limit/unlimited';
import { SegmentContract } from '../../apps/segment-sim/src/contract/contract';
import { sentRequestViolations, Violation } from '../../apps/segment-sim/src/contract/request-check';

/**
 * Sends a writer's request through the product's real connector (to an in-memory Segment that
 * answers every request with success) and returns it as it left, with what Segment's contract says
 * of it: a catalog writer is checked on the wire, not on its own description of the request.
 */
export async function sendThroughConnector(request: WriteRequest): Promise<{ sent: SentRequest; violations: Violation[] }> {
  const agent = new MockAgent();
  agent.disableNetConnect();
  agent
    .get('https://api.segmentapis.com')
    .intercept({ path: () => true, method: () => true })
    .reply(200, JSON.stringify({ data: {} }), { headers: { 'content-type': 'application/json' } })
    .persist();
  const seen: SentRequest[] = [];
  const stop = observeSegmentRequests((sent) => seen.push(sent));
  try {
    const client = new SegmentClient({
      baseUrl: 'https://api.segmentapis.com',
      token: 'token',
      limits: { tokenKey: 'token', perMinute: 1000 },
      rateLimiter: UNLIMITED,
      dispatcher: agent,
    });
    await client.request(request.method, request.path, { query: request.query, body: request.body, version: request.version });
  } finally {
    stop();
    await agent.close();
  }
  const sent = seen[0]!;
  return { sent, violations: sentRequestViolations(SegmentContract.load(), sent).violations };
}
