import { Injectable } from '@nestjs/common';
import { ProcessMetrics } from '@app/observability';
import { SegmentTrafficObserver } from '@app/segment';

/** Segment traffic as metrics: requests by rate class and status, 429s, and time spent waiting for a slot. */
@Injectable()
export class SegmentTrafficMetrics implements SegmentTrafficObserver {
  constructor(private readonly metrics: ProcessMetrics) {}

  answered(rateClass: string, status: number): void {
    this.metrics.segmentRequests.inc({ rate_class: rateClass, status: String(status) });
    if (status === 429) this.metrics.segmentRateLimited.inc({ rate_class: rateClass });
  }

  waited(rateClass: string, ms: number): void {
    if (ms > 0) this.metrics.rateLimitWait.inc({ rate_class: rateClass }, ms / 1000);
  }
}
