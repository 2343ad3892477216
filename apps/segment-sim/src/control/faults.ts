import { Rng } from '../engine/rng';

export type FaultKind = 'latency' | 'error' | 'rate-limit' | 'hang' | 'drop' | 'fail-page';

export interface FaultRule {
  id?: string;
  kind: FaultKind;
  /** Restrict to one HTTP method, an operationId, or paths matching a regular expression. */
  method?: string;
  operationId?: string;
  path?: string;
  /** Chance that a matching request is hit (default 1). */
  probability?: number;
  /** How many more times the rule may fire; absent = unlimited. */
  remaining?: number;
  /** error: the status (default 500). */
  status?: number;
  /** latency: added delay; hang: how long before the socket is destroyed; rate-limit: msBeforeNext. */
  ms?: number;
  /** latency: random extra up to this many ms. */
  jitterMs?: number;
  /** fail-page: which page of a list fails (1-based; default 2). */
  page?: number;
  /** hang / drop: perform the operation first, then lose the response (a write that did happen). */
  afterHandler?: boolean;
}

export interface FaultMatch {
  method: string;
  path: string;
  operationId: string;
}

/**
 * Fault injection, off by default. Rules are matched in order; each kind is decided once per
 * request (latency adds up). Probabilistic rules draw from a seeded generator for repeatability.
 */
export class Faults {
  private rules: Array<FaultRule & { id: string; regex?: RegExp }> = [];
  private counter = 0;

  constructor(
    private readonly rng: Rng,
    initial: FaultRule[] = [],
  ) {
    initial.forEach((rule) => this.add(rule));
  }

  list(): FaultRule[] {
    return this.rules.map(({ regex: _regex, ...rule }) => rule);
  }

  add(rule: FaultRule): FaultRule {
    validateRule(rule);
    const stored = { ...rule, id: rule.id ?? `fault-${++this.counter}`, regex: rule.path ? new RegExp(rule.path) : undefined };
    this.rules.push(stored);
    return { ...rule, id: stored.id };
  }

  replace(rules: FaultRule[]): void {
    rules.forEach(validateRule);
    this.rules = [];
    rules.forEach((rule) => this.add(rule));
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  /** The first rule of a kind that matches and fires; it is consumed when counted. */
  take(kind: FaultKind, match: FaultMatch, page?: number): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.kind !== kind) continue;
      if (rule.method && rule.method.toUpperCase() !== match.method) continue;
      if (rule.operationId && rule.operationId !== match.operationId) continue;
      if (rule.regex && !rule.regex.test(match.path)) continue;
      if (kind === 'fail-page' && (rule.page ?? 2) !== page) continue;
      if (rule.remaining !== undefined && rule.remaining <= 0) continue;
      if (rule.probability !== undefined && !this.rng.chance(rule.probability)) continue;
      if (rule.remaining !== undefined) rule.remaining -= 1;
      return rule;
    }
    return undefined;
  }

  /** Total added latency for a request (every matching latency rule adds). */
  latency(match: FaultMatch): number {
    let total = 0;
    for (const rule of this.rules) {
      if (rule.kind !== 'latency') continue;
      if (rule.method && rule.method.toUpperCase() !== match.method) continue;
      if (rule.operationId && rule.operationId !== match.operationId) continue;
      if (rule.regex && !rule.regex.test(match.path)) continue;
      if (rule.remaining !== undefined && rule.remaining <= 0) continue;
      if (rule.probability !== undefined && !this.rng.chance(rule.probability)) continue;
      if (rule.remaining !== undefined) rule.remaining -= 1;
      total += (rule.ms ?? 0) + (rule.jitterMs ? this.rng.next() * rule.jitterMs : 0);
    }
    return total;
  }
}

const KINDS: FaultKind[] = ['latency', 'error', 'rate-limit', 'hang', 'drop', 'fail-page'];

export function validateRule(rule: FaultRule): void {
  if (!rule || typeof rule !== 'object') throw new Error('a fault rule must be an object');
  if (!KINDS.includes(rule.kind)) throw new Error(`kind must be one of ${KINDS.join(', ')}`);
  if (rule.probability !== undefined && (typeof rule.probability !== 'number' || rule.probability < 0 || rule.probability > 1)) {
    throw new Error('probability must be a number between 0 and 1');
  }
  if (rule.status !== undefined && (!Number.isInteger(rule.status) || rule.status < 500 || rule.status > 599)) {
    throw new Error('status must be a 5xx code');
  }
  if (rule.path !== undefined) new RegExp(rule.path);
}
