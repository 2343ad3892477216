import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface SimulatorProcess {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Runs the built simulator in a process of its own, as a remote Segment would be: benchmarks and
 * tests that measure timing or rates use it so that the simulator does not share their event
 * loop. Needs `npm run build` first.
 */
export async function spawnSimulator(env: Record<string, string> = {}): Promise<SimulatorProcess> {
  const main = join(__dirname, 'main.js');
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, SIM_PORT: String(port), SIM_HOST: '127.0.0.1', SIM_RATE_LIMIT_ENABLED: 'false', SIM_LOG: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('listening')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the simulator exited with code ${code}: ${out}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
