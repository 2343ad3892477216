import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import FindMyWay from 'find-my-way';
import { handleAdmin } from './control/admin';
import { FaultRule, Faults } from './control/faults';
import { RateLimits, RateLimitSettings } from './control/rate-limits';
import { Stats } from './control/stats';
import { Rng } from './engine/rng';
import { HttpMethod, RequestContext, RouteDef } from './http/route';
import { DEFAULT_MAX_BODY, mediaType, parseBody, parseQuery, readRawBody } from './http/request';
import { SimError } from './http/sim-error';
import { SegmentContract } from './contract/contract';
import { requestViolations } from './contract/request-check';
import { ALL_ROUTES } from './resources';
import { SeedWorkspace, seedWorkspace } from './generator/seed';
import { SimState } from './state/sim-state';
import { dumpAll, loadAll, SimDump } from './state/state-file';

export interface SimOptions {
  seed: string;
  /** Workspaces created at start (and again on reset). */
  workspaces: SeedWorkspace[];
  rateLimit: RateLimitSettings;
  faults: FaultRule[];
  /** This simulator's identity (kept with its saved state); a fresh one when not given. */
  instanceId?: string;
}

/** Every answer names the simulator instance that gave it, so a client can tell two simulators apart. */
export const INSTANCE_HEADER = 'x-segment-sim-instance';

const DATA_OPEN = Buffer.from('{"data":');
const DATA_CLOSE = Buffer.from('}');

export const DEFAULT_RATE_LIMIT: RateLimitSettings = { enabled: true, perMinute: 600, timeScale: 1 };

/**
 * A stateful imitation of Segment's Public API: same paths and envelopes, cursor pagination,
 * masking, immutables, errors, rate limits and audit trail, over in-memory workspaces — plus an
 * admin surface under /__sim/ for tests, benchmarks and demos.
 */
export class SegmentSimulator {
  readonly state = new SimState();
  readonly stats = new Stats();
  readonly faults: Faults;
  readonly rateLimits: RateLimits;
  readonly server: Server;
  readonly contract = SegmentContract.load();
  instanceId: string;
  /** Successful writes through the API since start: a saver knows when the state changed. */
  changes = 0;
  private readonly router = FindMyWay({ ignoreTrailingSlash: true, caseSensitive: true });
  private readonly sockets = new Set<Socket>();
  private readonly hanging = new Set<NodeJS.Timeout>();

  constructor(readonly options: SimOptions) {
    this.faults = new Faults(new Rng(`${options.seed}:faults`), options.faults);
    this.rateLimits = new RateLimits(options.rateLimit);
    this.instanceId = options.instanceId ?? `sim_${randomUUID()}`;
    for (const def of ALL_ROUTES) {
      if (!this.contract.operation(def.operationId)) throw new Error(`${def.operationId} is not an operation of Segment's API`);
      this.router.on(def.method, def.path, () => undefined, def);
    }
    this.seed();
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => this.fail(res, error));
    });
    this.server.keepAliveTimeout = 65_000;
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** (Re)creates the configured workspaces from their seeds. */
  seed(): void {
    for (const slug of [...this.state.workspaces.keys()]) this.state.remove(slug);
    for (const spec of this.options.workspaces) seedWorkspace(this.state, { ...spec, seed: spec.seed ?? this.options.seed });
  }

  /** Every workspace as plain JSON, with this instance's id. */
  exportState(): SimDump {
    return dumpAll(this.state, this.instanceId);
  }

  /** Replaces every workspace; a dump that names its instance makes this simulator that instance. */
  importState(dump: SimDump): void {
    loadAll(this.state, dump);
    if (dump.instanceId) this.instanceId = dump.instanceId;
  }

  reset(): void {
    this.seed();
    this.stats.reset();
    this.faults.replace(this.options.faults);
    this.rateLimits.update(this.options.rateLimit);
  }

  routes(): RouteDef[] {
    return ALL_ROUTES;
  }

  /** The operation a concrete request path maps to (for tests that check conformance). */
  operationFor(method: string, path: string): RouteDef | undefined {
    return this.router.find(method.toUpperCase() as HttpMethod, path)?.store as RouteDef | undefined;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<{ port: number; url: string }> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    const address = this.server.address() as AddressInfo;
    return { port: address.port, url: `http://${host}:${address.port}` };
  }

  async close(): Promise<void> {
    this.hanging.forEach(clearTimeout);
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    if (url.pathname === '/__sim' || url.pathname.startsWith('/__sim/')) return handleAdmin(this, req, res, url);

    const method = (req.method ?? 'GET').toUpperCase() as HttpMethod;
    const found = this.router.find(method, url.pathname);
    const def = found?.store as RouteDef | undefined;
    const operationId = def?.operationId ?? 'unknown';
    const match = { method, path: url.pathname, operationId };
    const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    const tokenInfo = token ? this.state.tokens.get(token) : undefined;
    const record = (status: number) => this.stats.record(operationId, status, tokenInfo?.workspace.slug);

    const delay = this.faults.latency(match);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const drop = this.faults.take('drop', match);
    const hang = this.faults.take('hang', match);
    if ((drop || hang) && !(drop ?? hang)!.afterHandler) {
      record(0);
      return drop ? this.drop(req) : this.hang(req, hang!);
    }
    const error = this.faults.take('error', match);
    if (error) {
      record(error.status ?? 500);
      return this.send(res, error.status ?? 500, {
        errors: [{ type: 'InternalServerError', message: 'Simulated server error', status: error.status ?? 500 }],
      });
    }
    const burst = this.faults.take('rate-limit', match);
    if (burst) {
      const ms = burst.ms ?? 1000;
      record(429);
      return this.send(
        res,
        429,
        {
          errors: [
            {
              type: 'RateLimited',
              message: 'Rate limit exceeded',
              status: 429,
              data: { msBeforeNext: ms, remainingPoints: 0, consumedPoints: 0 },
            },
          ],
        },
        { 'Retry-After': String(Math.ceil(ms / 1000)) },
      );
    }

    try {
      if (!token) throw new SimError(401, 'Unauthorized', 'Missing bearer token: send Authorization: Bearer <Public API token>.');
      if (!tokenInfo) throw new SimError(401, 'Unauthorized', 'The token is invalid or has been revoked.');
      if (!def) throw this.noSuchEndpoint(method, url.pathname);
      const op = this.contract.operation(def.operationId)!;
      const version = this.contract.negotiate(op, req.headers.accept);
      const ws = tokenInfo.workspace;
      if (def.feature && !ws.features.has(def.feature)) {
        throw new SimError(
          403,
          'Forbidden',
          `This workspace does not have the '${def.feature}' feature, which ${def.operationId} requires.`,
        );
      }
      const rate = await this.rateLimits.consume(token, def.operationId, def.rateLimit);
      const rateHeaders: Record<string, string> = rate
        ? {
            'X-RateLimit-Consumed': String(rate.consumed),
            'X-RateLimit-Remaining': String(rate.remaining),
            'X-RateLimit-Reset': new Date(Date.now() + rate.msBeforeNext).toUTCString(),
          }
        : {};
      if (rate && !rate.allowed) {
        throw new SimError(
          429,
          'RateLimited',
          'Rate limit exceeded',
          undefined,
          { msBeforeNext: rate.msBeforeNext, remainingPoints: 0, consumedPoints: rate.consumed },
          rateHeaders,
        );
      }
      const raw = await readRawBody(req, def.maxBodyBytes ?? DEFAULT_MAX_BODY);
      const body = parseBody(raw, req.headers['content-type']);
      const query = parseQuery(url.search);
      const [violation] = requestViolations(this.contract, op, {
        path: url.pathname,
        query,
        accept: req.headers.accept,
        contentType: req.headers['content-type'],
        hasBody: raw.length > 0,
        body,
      });
      if (violation) throw new SimError(violation.status, violation.type, violation.message, violation.field);
      const ctx: RequestContext = {
        state: this.state,
        catalog: this.state.catalog,
        ws,
        token: tokenInfo,
        params: (found?.params ?? {}) as Record<string, string>,
        query,
        body,
        operationId: def.operationId,
        version: version!,
        onPage: (page) => {
          if (this.faults.take('fail-page', match, page))
            throw new SimError(500, 'InternalServerError', `Simulated failure of page ${page}`);
        },
      };
      const result = def.handler(ctx);
      const status = result.status ?? op.facts.successStatus;
      record(status);
      if (method !== 'GET') this.changes++;
      if (drop || hang) return drop ? this.drop(req) : this.hang(req, hang!);
      const payload =
        'dataJson' in result ? Buffer.concat([DATA_OPEN, Buffer.from(result.dataJson), DATA_CLOSE]) : JSON.stringify({ data: result.data });
      this.sendRaw(res, status, payload, { 'Content-Type': mediaType(version!), ...rateHeaders });
    } catch (caught) {
      if (caught instanceof SimError) {
        record(caught.status);
        return this.send(res, caught.status, caught.toBody(), caught.headers);
      }
      throw caught;
    }
  }

  /**
   * A path no operation serves: Segment's "no such endpoint" answer, which a client must tell from
   * a resource that is not found. Operations of the API this simulator does not serve say so.
   */
  private noSuchEndpoint(method: string, path: string): SimError {
    const known = this.contract.match(method, path);
    const why = known
      ? ` (${known.operationId} is part of Segment's API ${this.contract.apiVersion}; this simulator does not serve it)`
      : '';
    return new SimError(404, 'NotFound', `No such endpoint: ${method} ${path}${why}`);
  }

  private drop(req: IncomingMessage): void {
    req.socket.destroy();
  }

  private hang(req: IncomingMessage, rule: FaultRule): void {
    const timer = setTimeout(
      () => {
        this.hanging.delete(timer);
        req.socket.destroy();
      },
      rule.ms ?? 10 * 60_000,
    );
    this.hanging.add(timer);
    req.socket.once('close', () => {
      clearTimeout(timer);
      this.hanging.delete(timer);
    });
  }

  send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    this.sendRaw(res, status, JSON.stringify(body), { 'Content-Type': 'application/json', ...headers });
  }

  private sendRaw(res: ServerResponse, status: number, payload: string | Buffer, headers: Record<string, string>): void {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(status, { ...headers, [INSTANCE_HEADER]: this.instanceId, 'Content-Length': Buffer.byteLength(payload) });
    res.end(payload);
  }

  private fail(res: ServerResponse, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.send(res, 500, { errors: [{ type: 'InternalServerError', message: `Simulator error: ${message}`, status: 500 }] });
  }
}
