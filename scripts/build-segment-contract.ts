import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT_FILE } from '../apps/segment-sim/src/contract/contract';
import { contractFromDocuments, repositoryRoot, specAvailable, specDir } from '../apps/segment-sim/src/contract/segment-documents';

/**
 * Regenerates the simulator's contract (apps/segment-sim/src/contract/segment-contract.json) from
 * Segment's documents in ../shared/segment (or SEGMENT_SPEC_DIR). Run after either document or
 * v73-amendments.ts changes; a unit test fails while the committed file is stale.
 */
if (!specAvailable()) {
  console.error(`Segment's documents were not found in ${specDir()} (set SEGMENT_SPEC_DIR).`);
  process.exit(1);
}
const target = join(repositoryRoot(), 'apps', 'segment-sim', 'src', 'contract', CONTRACT_FILE);
const contract = contractFromDocuments();
writeFileSync(target, `${JSON.stringify(contract)}\n`);
const operations = Object.values(contract.paths as Record<string, object>).reduce((n, methods) => n + Object.keys(methods).length, 0);
console.log(`Wrote ${target}: ${operations} operations`);
