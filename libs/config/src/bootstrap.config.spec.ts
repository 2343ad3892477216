import { BootstrapConfig } from './bootstrap.config';
import { ConfigError, loadConfig } from './load-config';

describe('BootstrapConfig.simulatorUrl', () => {
  it('follows SIM_HOST and SIM_PORT, so that a moved simulator is the one registered', () => {
    expect(loadConfig(BootstrapConfig, {}).simulatorUrl).toBe('http://127.0.0.1:4100');
    expect(loadConfig(BootstrapConfig, { SIM_PORT: '4310' }).simulatorUrl).toBe('http://127.0.0.1:4310');
    expect(loadConfig(BootstrapConfig, { SIM_HOST: 'sim.internal', SIM_PORT: '4310' }).simulatorUrl).toBe('http://sim.internal:4310');
  });

  it('reaches a simulator listening on every interface through the loopback', () => {
    expect(loadConfig(BootstrapConfig, { SIM_HOST: '0.0.0.0', SIM_PORT: '4310' }).simulatorUrl).toBe('http://127.0.0.1:4310');
    expect(loadConfig(BootstrapConfig, { SIM_HOST: '::1', SIM_PORT: '4310' }).simulatorUrl).toBe('http://[::1]:4310');
  });

  it('takes SIMULATOR_URL as given when set', () => {
    expect(loadConfig(BootstrapConfig, { SIMULATOR_URL: 'http://segment-sim:4100', SIM_PORT: '4310' }).simulatorUrl).toBe(
      'http://segment-sim:4100',
    );
  });

  it('refuses a SIM_PORT that is not a port, naming it', () => {
    expect(() => loadConfig(BootstrapConfig, { SIM_PORT: 'four' })).toThrow(ConfigError);
    expect(() => loadConfig(BootstrapConfig, { SIM_PORT: 'four' })).toThrow(/SIM_PORT/);
  });
});
