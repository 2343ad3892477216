import { SimClient, SimHarness, SimResponse } from './sim-harness';

export interface Recorded {
  method: string;
  path: string;
  operationId: string;
  res: SimResponse;
}

/** Wraps a client so that every exchange is recorded with the operation it hit. */
export class Recorder {
  readonly calls: Recorded[] = [];
  constructor(
    private readonly h: SimHarness,
    private readonly client: SimClient,
  ) {}

  async call(
    method: string,
    path: string,
    options: { query?: Record<string, unknown>; body?: unknown; headers?: Record<string, string> } = {},
    expected?: number,
  ): Promise<any> {
    const res = await this.client.call(method, path, options);
    const operationId = this.h.sim.operationFor(method, path)?.operationId ?? 'unknown';
    this.calls.push({ method, path, operationId, res });
    if (expected === undefined ? res.status >= 300 : res.status !== expected) {
      throw new Error(`${method} ${path} → ${res.status} (expected ${expected ?? '2xx'}): ${JSON.stringify(res.body)}`);
    }
    return res.body?.data;
  }
}
