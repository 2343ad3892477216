import { loadConfig } from './load-config';
import { BootstrapConfig } from './bootstrap.config';
import { SecurityConfig } from './security.config';
import { SegmentConfig } from './segment.config';
import { SegmentHosts } from './segment-hosts';

const hostsFor = (env: NodeJS.ProcessEnv) =>
  SegmentHosts.from(loadConfig(SegmentConfig, env), loadConfig(SecurityConfig, env), loadConfig(BootstrapConfig, env));

describe('SegmentHosts', () => {
  it("always allows Segment's hosts, over https only", () => {
    const hosts = hostsFor({ NODE_ENV: 'production' });
    expect(hosts.refusal('https://api.segmentapis.com')).toBeUndefined();
    expect(hosts.refusal('https://eu1.api.segmentapis.com/')).toBeUndefined();
    expect(hosts.refusal('http://api.segmentapis.com')).toMatch(/https/);
    expect(hosts.refusal('https://evil.example')).toMatch(/SEGMENT_BASE_URL_ALLOWLIST/);
  });

  it('adds the simulator (SIM_HOST/SIM_PORT or SIMULATOR_URL) outside production', () => {
    expect(hostsFor({ NODE_ENV: 'development', SIM_PORT: '4200' }).refusal('http://127.0.0.1:4200')).toBeUndefined();
    expect(hostsFor({ NODE_ENV: 'test', SIMULATOR_URL: 'http://sim:4100' }).refusal('http://sim:4100/')).toBeUndefined();
    expect(hostsFor({ NODE_ENV: 'production' }).refusal('http://127.0.0.1:4100')).toBeDefined();
  });

  it('adds the simulator in production only when REGISTER_SIMULATOR_WORKSPACES=true (docker compose, the production check)', () => {
    const env = { NODE_ENV: 'production', SIMULATOR_URL: 'http://segment-sim:4100', REGISTER_SIMULATOR_WORKSPACES: 'true' };
    expect(hostsFor(env).refusal('http://segment-sim:4100')).toBeUndefined();
  });

  it('adds the origins of SEGMENT_BASE_URL_ALLOWLIST, http included', () => {
    const hosts = hostsFor({ NODE_ENV: 'production', SEGMENT_BASE_URL_ALLOWLIST: 'http://proxy.internal:8080, https://gw.example/' });
    expect(hosts.refusal('http://proxy.internal:8080/segment')).toBeUndefined();
    expect(hosts.refusal('https://gw.example')).toBeUndefined();
    expect(hosts.refusal('http://proxy.internal:8081')).toBeDefined();
  });
});
