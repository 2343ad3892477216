import { BootstrapConfig } from './bootstrap.config';
import { SecurityConfig } from './security.config';
import { SegmentConfig } from './segment.config';

/** Segment's Public API hosts by region (RESOURCES.md §1). */
export const SEGMENT_REGIONS = {
  us: 'https://api.segmentapis.com',
  eu: 'https://eu1.api.segmentapis.com',
} as const;

export type SegmentRegion = keyof typeof SEGMENT_REGIONS;

/** The origin of an http(s) URL, or undefined when it is not one (or carries credentials). */
function originOf(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (url.username || url.password) return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/**
 * Where a workspace's Segment token may be sent: Segment's API hosts, plus the origins of
 * SEGMENT_BASE_URL_ALLOWLIST and — outside production, or when REGISTER_SIMULATOR_WORKSPACES is
 * true — the built-in simulator's (SIMULATOR_URL, or SIM_HOST/SIM_PORT). Anything else is refused
 * before the token leaves the process: a base URL is the place a stored token goes.
 */
export class SegmentHosts {
  private readonly allowed: ReadonlySet<string>;

  constructor(extraOrigins: readonly string[]) {
    this.allowed = new Set(extraOrigins.map(originOf).filter((origin): origin is string => origin !== undefined));
  }

  static from(segment: SegmentConfig, security: SecurityConfig, bootstrap: BootstrapConfig): SegmentHosts {
    const listed = (segment.baseUrlAllowlist ?? '').split(',').map((entry) => entry.trim());
    const simulator = security.environment !== 'production' || bootstrap.registerSimulatorWorkspaces === true;
    return new SegmentHosts([...listed.filter(Boolean), ...(simulator ? [bootstrap.simulatorUrl] : [])]);
  }

  /** The origins allowed besides Segment's own hosts. */
  get extraOrigins(): string[] {
    return [...this.allowed];
  }

  /** Why a token must not be sent to `baseUrl`, or undefined when it may. */
  refusal(baseUrl: string): string | undefined {
    const origin = originOf(baseUrl);
    if (!origin) return 'baseUrl must be an http(s) URL without credentials';
    if (this.allowed.has(origin)) return undefined;
    const segmentHosts = Object.values(SEGMENT_REGIONS) as string[];
    if (!origin.startsWith('https:')) return `baseUrl must use https (only origins in SEGMENT_BASE_URL_ALLOWLIST may use http)`;
    if (!segmentHosts.includes(origin) || new URL(baseUrl).pathname.replace(/\/+$/, '') !== '') {
      return `baseUrl must be one of Segment's API hosts (${segmentHosts.join(', ')}) or an origin listed in SEGMENT_BASE_URL_ALLOWLIST`;
    }
    return undefined;
  }

  /** The region whose host `baseUrl` is, if any. */
  static regionOf(baseUrl: string): SegmentRegion | undefined {
    const origin = originOf(baseUrl);
    return (Object.keys(SEGMENT_REGIONS) as SegmentRegion[]).find((region) => SEGMENT_REGIONS[region] === origin);
  }
}
