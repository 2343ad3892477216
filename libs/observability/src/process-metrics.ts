import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Seconds a snapshot may take, from a small workspace to one with thousands of destinations. */
const SNAPSHOT_SECONDS = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600];

/**
 * The counters one process keeps (names follow Prometheus's conventions: a `segment_backup_`
 * prefix, base units, `_total` on counters). Each instance has its own registry, so that several
 * apps in one test process do not share figures. Labels stay bounded: workspace names, rate
 * classes, HTTP status codes, plan step actions and outcomes.
 */
export class ProcessMetrics {
  readonly registry = new Registry();

  readonly snapshotDuration = new Histogram({
    name: 'segment_backup_snapshot_duration_seconds',
    help: 'Time a snapshot job took, by outcome (completed, failed, skipped).',
    labelNames: ['outcome'] as const,
    buckets: SNAPSHOT_SECONDS,
    registers: [this.registry],
  });

  readonly snapshots = new Counter({
    name: 'segment_backup_snapshots_total',
    help: 'Snapshot jobs finished, by workspace and outcome.',
    labelNames: ['workspace', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly segmentRequests = new Counter({
    name: 'segment_backup_segment_requests_total',
    help: "Requests sent to Segment's API, by endpoint rate class and HTTP status (0 when no answer came).",
    labelNames: ['rate_class', 'status'] as const,
    registers: [this.registry],
  });

  readonly segmentRateLimited = new Counter({
    name: 'segment_backup_segment_rate_limited_total',
    help: 'Answers of 429 (too many requests) from Segment, by endpoint rate class.',
    labelNames: ['rate_class'] as const,
    registers: [this.registry],
  });

  readonly rateLimitWait = new Counter({
    name: 'segment_backup_rate_limit_wait_seconds_total',
    help: "Time requests waited for a slot of the token's shared rate limit, by endpoint rate class.",
    labelNames: ['rate_class'] as const,
    registers: [this.registry],
  });

  readonly planSteps = new Counter({
    name: 'segment_backup_plan_steps_total',
    help: 'Plan steps applied, by action and outcome (done, failed, blocked); its rate is the apply rate.',
    labelNames: ['action', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor(processName: string) {
    this.registry.setDefaultLabels({ process: processName });
    collectDefaultMetrics({ register: this.registry });
  }

  /** The exposition text Prometheus scrapes. */
  async text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
