import { Expose, Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUrl } from 'class-validator';
import { toBoolean } from './transforms';

/** What `npm start` does on a fresh machine (DESIGN §10). */
export class BootstrapConfig {
  /** Register the simulator's `staging` and `production` when no workspace is registered. */
  @Expose({ name: 'REGISTER_SIMULATOR_WORKSPACES' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  registerSimulatorWorkspaces?: boolean;

  @Expose({ name: 'SIMULATOR_URL' })
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'SIMULATOR_URL must be an http(s) URL' })
  simulatorUrl = 'http://127.0.0.1:4100';
}
