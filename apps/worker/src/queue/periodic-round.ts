import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { Redis } from 'ioredis';
import { WorkspaceLock } from '@app/jobs';

/**
 * Work a worker does every interval rather than per job (the job reconciler, the missed-backup
 * check, the delivery sweep): never two rounds at once in a process and, with a lock, never two
 * across workers; a failed round is logged and the next one tries again.
 */
export abstract class PeriodicRound<Result> implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private running = false;
  private readonly lock?: WorkspaceLock;

  protected constructor(
    private readonly name: string,
    private readonly registry: SchedulerRegistry,
    private readonly intervalMs: number,
    /** Elects one worker per round (the others skip it) with a Redis lock; none when every worker may run it. */
    oneWorker?: { redis: Redis; prefix: string },
  ) {
    // held at least as long as a round may take: another worker does not start one meanwhile
    if (oneWorker) this.lock = new WorkspaceLock(oneWorker.redis, oneWorker.prefix, Math.max(intervalMs, 5_000));
  }

  /** One round's work. */
  protected abstract round(now: Date): Promise<Result>;

  onApplicationBootstrap(): void {
    const interval = setInterval(() => void this.tick(), this.intervalMs);
    interval.unref();
    this.registry.addInterval(this.name, interval);
  }

  onApplicationShutdown(): void {
    if (this.registry.doesExist('interval', this.name)) this.registry.deleteInterval(this.name);
  }

  /** One round, unless another is under way (here, or in another worker holding the lock): undefined then. */
  async tick(now = new Date()): Promise<Result | undefined> {
    if (this.running) return undefined;
    this.running = true;
    const held = this.lock ? await this.lock.tryAcquire(this.name).catch(() => null) : undefined;
    try {
      return this.lock && !held ? undefined : await this.round(now);
    } catch (error) {
      this.logger.error(`${this.name} failed: ${(error as Error).message}`);
      return undefined;
    } finally {
      await held?.release().catch(() => undefined);
      this.running = false;
    }
  }
}
