import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadConfig } from '@app/config/load-config';
import { SimulatorConfig } from '@app/config/simulator.config';
import { SegmentSimulator } from './sim-server';
import { simOptionsFrom } from './sim-options';
import { SimDump } from './state/state-file';

/** How often a changed state is written to SIM_STATE_FILE (besides at shutdown). */
const SAVE_EVERY_MS = 2_000;

/** Writes the state beside the file, then renames it over: a crash never leaves half a file. */
function save(sim: SegmentSimulator, file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(sim.exportState()));
  renameSync(`${file}.tmp`, file);
}

async function main(): Promise<void> {
  const config = loadConfig(SimulatorConfig);
  const started = Date.now();
  const sim = new SegmentSimulator(simOptionsFrom(config));
  const stateFile = config.stateFile;
  const restored = stateFile !== undefined && existsSync(stateFile);
  if (restored) sim.importState(JSON.parse(readFileSync(stateFile, 'utf8')) as SimDump);
  const { url } = await sim.listen(config.port, config.host);
  let saved = sim.changes;
  if (stateFile) {
    // a fresh simulator's identity is kept at once, not only after its first write
    if (!restored) save(sim, stateFile);
    // a simulator killed without a signal loses at most the last two seconds of writes
    setInterval(() => {
      if (sim.changes === saved) return;
      saved = sim.changes;
      save(sim, stateFile);
    }, SAVE_EVERY_MS).unref();
  }
  if (config.log === 'info') {
    const summary = [...sim.state.workspaces.values()].map(
      (ws) => `${ws.slug} (${ws.totalResources()} resources, token ${sim.state.tokensOf(ws)[0]?.token})`,
    );
    const origin = stateFile ? (restored ? `, state from ${stateFile}` : `, state kept in ${stateFile}`) : '';
    console.log(
      `segment-sim ${sim.instanceId} listening on ${url} in ${Date.now() - started} ms: ${summary.join(', ')}${origin}; admin at ${url}/__sim`,
    );
  }
  const stop = async () => {
    if (stateFile) save(sim, stateFile);
    await sim.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
