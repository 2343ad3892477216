import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadConfig } from '@app/config/load-config';
import { SimulatorConfig } from '@app/config/simulator.config';
import { SegmentSimulator } from './sim-server';
import { simOptionsFrom } from './sim-options';
import { dumpAll, loadAll } from './state/state-file';

async function main(): Promise<void> {
  const config = loadConfig(SimulatorConfig);
  const started = Date.now();
  const sim = new SegmentSimulator(simOptionsFrom(config));
  if (config.stateFile && existsSync(config.stateFile)) loadAll(sim.state, JSON.parse(readFileSync(config.stateFile, 'utf8')));
  const { url } = await sim.listen(config.port, config.host);
  if (config.log === 'info') {
    const summary = [...sim.state.workspaces.values()].map(
      (ws) => `${ws.slug} (${ws.totalResources()} resources, token ${sim.state.tokensOf(ws)[0]?.token})`,
    );
    console.log(`segment-sim listening on ${url} in ${Date.now() - started} ms: ${summary.join(', ')}; admin at ${url}/__sim`);
  }
  const stop = async () => {
    if (config.stateFile) writeFileSync(config.stateFile, JSON.stringify(dumpAll(sim.state)));
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
