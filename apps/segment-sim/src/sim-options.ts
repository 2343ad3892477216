import { SimulatorConfig } from '@app/config/simulator.config';
import { FaultRule, validateRule } from './control/faults';
import { SimOptions } from './sim-server';

/** The two workspaces a newcomer gets: twins from one seed, production drifted a little. */
export const DEFAULT_WORKSPACES = (size: number) => [
  { slug: 'staging', name: 'Staging', token: 'sim_staging', size, env: 'staging' },
  { slug: 'production', name: 'Production', token: 'sim_production', size, env: 'production', drift: true },
];

export function simOptionsFrom(config: SimulatorConfig): SimOptions {
  const faults: FaultRule[] = [];
  if (config.latencyMs > 0) faults.push({ kind: 'latency', ms: config.latencyMs });
  if (config.errorRate > 0) faults.push({ kind: 'error', probability: config.errorRate, status: 503 });
  if (config.faults) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(config.faults);
    } catch {
      throw new Error('SIM_FAULTS must be a JSON array of fault rules');
    }
    if (!Array.isArray(parsed)) throw new Error('SIM_FAULTS must be a JSON array of fault rules');
    parsed.forEach((rule, index) => {
      try {
        validateRule(rule as FaultRule);
      } catch (error) {
        throw new Error(`SIM_FAULTS[${index}]: ${(error as Error).message}`, { cause: error });
      }
      faults.push(rule as FaultRule);
    });
  }
  return {
    seed: config.seed,
    workspaces: DEFAULT_WORKSPACES(config.size),
    rateLimit: { enabled: config.rateLimitEnabled, perMinute: config.rateLimitPerMinute, timeScale: config.timeScale },
    faults,
  };
}
