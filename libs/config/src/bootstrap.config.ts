import { EnvBoolean, EnvInt, EnvText, EnvUrl } from './env';

/** Addresses a server listens on for every interface, reached locally through the loopback. */
const ANY_INTERFACE = new Set(['0.0.0.0', '::', '[::]']);

/** What `npm start` does on a fresh machine (DESIGN §10). */
export class BootstrapConfig {
  /** Register the simulator's `staging` and `production` when no workspace is registered. */
  @EnvBoolean('REGISTER_SIMULATOR_WORKSPACES', { optional: true })
  registerSimulatorWorkspaces?: boolean;

  @EnvUrl('SIMULATOR_URL', { optional: true })
  simulatorUrlSetting?: string;

  /** Where the simulator of this checkout listens (SimulatorConfig reads the same variables). */
  @EnvText('SIM_HOST', { describe: 'a host name or address to listen on' })
  simulatorHost = '127.0.0.1';

  @EnvInt('SIM_PORT', { what: 'a port number', min: 0, max: 65535 })
  simulatorPort = 4100;

  /**
   * The simulator the demo workspaces point at: SIMULATOR_URL when set, otherwise the one this
   * checkout starts (SIM_HOST, SIM_PORT), so that a moved simulator is never confused with another
   * process's on the default port.
   */
  get simulatorUrl(): string {
    if (this.simulatorUrlSetting) return this.simulatorUrlSetting;
    const host = ANY_INTERFACE.has(this.simulatorHost) ? '127.0.0.1' : this.simulatorHost;
    return `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${this.simulatorPort}`;
  }
}
