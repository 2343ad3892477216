import { Expose, Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { toBoolean, toNumber } from './transforms';

/** Addresses a server listens on for every interface, reached locally through the loopback. */
const ANY_INTERFACE = new Set(['0.0.0.0', '::', '[::]']);

/** What `npm start` does on a fresh machine (DESIGN §10). */
export class BootstrapConfig {
  /** Register the simulator's `staging` and `production` when no workspace is registered. */
  @Expose({ name: 'REGISTER_SIMULATOR_WORKSPACES' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  registerSimulatorWorkspaces?: boolean;

  @Expose({ name: 'SIMULATOR_URL' })
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'SIMULATOR_URL must be an http(s) URL' })
  simulatorUrlSetting?: string;

  /** Where the simulator of this checkout listens (SimulatorConfig reads the same variables). */
  @Expose({ name: 'SIM_HOST' })
  @IsString()
  simulatorHost = '127.0.0.1';

  @Expose({ name: 'SIM_PORT' })
  @Transform(toNumber)
  @IsInt({ message: 'SIM_PORT must be a port number' })
  @Min(0)
  @Max(65535)
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
