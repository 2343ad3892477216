import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** What a worker says about itself every heartbeat. */
export interface WorkerBeat {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  at: string;
}

const beatKey = (prefix: string, id = '*') => `${prefix}:heartbeat:worker:${id}`;

/**
 * Each worker process writes a key that expires after three intervals; the API counts the keys
 * that exist to say how many workers are alive. A worker that dies stops renewing and drops out.
 */
export class WorkerHeartbeat {
  readonly id = randomUUID();
  private readonly startedAt = new Date().toISOString();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    void this.beat();
    this.timer = setInterval(() => void this.beat(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.redis.del(beatKey(this.prefix, this.id)).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    const beat: WorkerBeat = { id: this.id, host: hostname(), pid: process.pid, startedAt: this.startedAt, at: new Date().toISOString() };
    // a lost Redis is reported by readiness; the beat simply resumes when it is back
    await this.redis.set(beatKey(this.prefix, this.id), JSON.stringify(beat), 'PX', this.intervalMs * 3).catch(() => undefined);
  }
}

/** The workers whose heartbeat has not expired. */
export async function aliveWorkers(redis: Redis, prefix: string): Promise<WorkerBeat[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', beatKey(prefix), 'COUNT', 500);
    keys.push(...found);
    cursor = next;
  } while (cursor !== '0');
  if (keys.length === 0) return [];
  const values = await redis.mget(...keys);
  return values.filter((v): v is string => v !== null).map((v) => JSON.parse(v) as WorkerBeat);
}
