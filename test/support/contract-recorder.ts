import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SegmentContract } from '../../apps/segment-sim/src/contract/contract';
import { sentRequestViolations } from '../../apps/segment-sim/src/contract/request-check';
import { observeSegmentRequests, SentRequest } from '../../libs/segment/src/http/segment-client';

/**
 * Installed for every integration and e2e test file (jest setupFilesAfterEach): records every
 * request the product's connector sends during the file and, at its end, checks each against
 * Segment's contract. A request Segment would refuse fails the file even where the simulator the
 * file talks to would have let it through (a spawned process, a lenient fault path). What was
 * checked is written for the global teardown, which reports the totals.
 */
const sent: SentRequest[] = [];
const stop = observeSegmentRequests((request) => sent.push(request));

afterAll(() => {
  stop();
  const contract = SegmentContract.load();
  const operations = new Set<string>();
  const refused: string[] = [];
  for (const request of sent) {
    const { operationId, violations } = sentRequestViolations(contract, request);
    if (operationId) operations.add(operationId);
    for (const violation of violations) {
      refused.push(
        `${request.method} ${request.url}: ${violation.status} ${violation.type}${violation.field ? ` (${violation.field})` : ''}: ${violation.message}`,
      );
    }
  }
  const dir = process.env.CONTRACT_REPORT_DIR;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    const file = expect.getState().testPath ?? 'unknown';
    writeFileSync(
      join(dir, `${basename(file)}.${process.pid}.json`),
      JSON.stringify({ file, requests: sent.length, operations: [...operations], refused: refused.length }),
    );
  }
  if (refused.length) {
    throw new Error(
      `${refused.length} request(s) the product sent break Segment's contract:\n  ${[...new Set(refused)].slice(0, 20).join('\n  ')}`,
    );
  }
});
