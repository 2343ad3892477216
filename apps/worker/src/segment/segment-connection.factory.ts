import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RedisConfig, SegmentConfig, SegmentHosts } from '@app/config';
import { IllegalStateError } from '@app/core';
import { REDIS } from '@app/jobs';
import { SegmentClient, SharedRateLimiter } from '@app/segment';
import { TokenCipher, WorkspaceRecord } from '@app/store';
import { SegmentTrafficMetrics } from '../observability/segment-traffic';

/** A Segment client per workspace: its decrypted token, its base URL, the shared rate limits. */
@Injectable()
export class SegmentConnectionFactory {
  readonly rateLimiter: SharedRateLimiter;

  constructor(
    private readonly cipher: TokenCipher,
    private readonly config: SegmentConfig,
    private readonly hosts: SegmentHosts,
    private readonly traffic: SegmentTrafficMetrics,
    redisConfig: RedisConfig,
    @Inject(REDIS) redis: Redis,
  ) {
    this.rateLimiter = new SharedRateLimiter(redis, { prefix: redisConfig.prefix, timeScale: config.timeScale });
  }

  /**
   * Why the workspace's token must not be sent to its base URL (a row written before base URLs
   * were checked, or by hand), or undefined. Checked again here, before any request: the API's
   * check is not the only line of defence.
   */
  refusal(workspace: WorkspaceRecord): string | undefined {
    const reason = this.hosts.refusal(workspace.baseUrl);
    return reason && `the token of workspace '${workspace.name}' is not sent to ${workspace.baseUrl}: ${reason}`;
  }

  forWorkspace(workspace: WorkspaceRecord): SegmentClient {
    const refused = this.refusal(workspace);
    if (refused) throw new IllegalStateError(refused, { field: 'baseUrl' });
    if (!workspace.tokenCiphertext || !workspace.tokenKeyId) {
      throw new IllegalStateError(`Workspace '${workspace.name}' has no token (it is archived)`);
    }
    const token = this.cipher.decrypt({ ciphertext: Buffer.from(workspace.tokenCiphertext), keyId: workspace.tokenKeyId }, workspace.id);
    return new SegmentClient({
      baseUrl: workspace.baseUrl,
      token,
      limits: { tokenKey: this.cipher.fingerprint(token), perMinute: workspace.rateLimitPerMinute ?? this.config.ratePerMinute },
      rateLimiter: this.rateLimiter,
      concurrency: this.config.concurrency,
      timeoutMs: this.config.timeoutMs,
      retry: {
        maxAttempts: this.config.maxAttempts,
        maxRateLimited: this.config.maxRateLimited,
        baseDelayMs: this.config.retryBaseMs,
        maxDelayMs: this.config.retryMaxMs,
      },
      pageSize: this.config.pageSize,
      observer: this.traffic,
    });
  }
}
