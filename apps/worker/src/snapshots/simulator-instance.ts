/**
 * The built-in simulator names itself in every answer. A workspace registered against one
 * simulator must keep being read from that one: another instance (a restarted simulator that
 * re-seeded, another checkout's on the same port) holds look-alike resources with other content,
 * and a snapshot of it would record phantom deletions and creations.
 */
export class SimulatorInstanceMismatch extends Error {
  constructor(expected: string | null, seen: string[]) {
    super(
      seen.length > 1
        ? `One read was answered by several simulator instances (${seen.join(', ')}); the base URL reaches more than one simulator.`
        : `This workspace's history was read from simulator ${expected}, but ${seen[0] ? `simulator ${seen[0]}` : 'a server that is not that simulator'} answered; ` +
            'start that simulator with its saved state (SIM_STATE_FILE), or register the workspace anew.',
    );
  }
}

/** The simulator instance a read reached (undefined for Segment itself), checked against the recorded one. */
export function checkSimulatorInstance(recorded: string | null, seen: ReadonlySet<string>): string | undefined {
  const instances = [...seen];
  if (instances.length > 1 || (recorded && instances[0] !== recorded)) throw new SimulatorInstanceMismatch(recorded, instances);
  return instances[0];
}
