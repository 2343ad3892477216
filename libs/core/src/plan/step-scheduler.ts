import { IllegalStateError } from '../errors';
import { StepStatus } from './types';

/** What scheduling reads of a stored step. */
export interface SchedulableStep {
  position: number;
  dependsOn: readonly number[];
  status: StepStatus;
  /** Steps of one serial class run one at a time (endpoints that allow a few requests a minute). */
  serialClass?: string;
}

/** A step that will not run because a step it waits for, directly or not, did not succeed. */
export interface BlockedStep {
  position: number;
  /** The failed (or already blocked) step the blocking started from. */
  waitedFor: number;
}

/**
 * Decides which steps of an apply may start: a step starts once every step it depends on is
 * done, at most `concurrency` at a time, one at a time per serial class, lowest position first.
 * A step that fails blocks everything that waits for it, transitively. It does no I/O and keeps
 * no time: the caller starts the steps `next()` returns, reports each outcome and asks again.
 *
 * Steps already done, failed or blocked (an apply resumed after a crash) count as such from the
 * start; a step still `running` has an unknown outcome: it is not started again and its
 * dependents wait until a later scheduler is built with its settled status.
 */
export class StepScheduler {
  private readonly statuses = new Map<number, StepStatus>();
  private readonly serialClasses = new Map<number, string>();
  private readonly dependents = new Map<number, number[]>();
  /** How many dependencies of each step are not done yet. */
  private readonly waiting = new Map<number, number>();
  private readonly ready = new Set<number>();
  private readonly inFlight = new Set<number>();
  private readonly busyClasses = new Set<string>();
  private readonly blockedFromStart: BlockedStep[] = [];

  constructor(
    steps: readonly SchedulableStep[],
    private readonly concurrency: number,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1)
      throw new IllegalStateError(`concurrency must be a positive integer; got ${concurrency}`);
    for (const step of steps) {
      if (this.statuses.has(step.position)) throw new IllegalStateError(`step ${step.position} appears twice`);
      this.statuses.set(step.position, step.status);
      if (step.serialClass) this.serialClasses.set(step.position, step.serialClass);
    }
    for (const step of steps) {
      const dependencies = [...new Set(step.dependsOn)];
      for (const dependency of dependencies) {
        if (!this.statuses.has(dependency))
          throw new IllegalStateError(`step ${step.position} depends on step ${dependency}, which the plan does not have`);
        this.dependents.set(dependency, [...(this.dependents.get(dependency) ?? []), step.position]);
      }
      this.waiting.set(step.position, dependencies.filter((d) => this.statuses.get(d) !== 'done').length);
    }
    this.refuseCycles(steps);
    for (const step of steps) if (step.status === 'pending' && this.waiting.get(step.position) === 0) this.ready.add(step.position);
    for (const step of steps)
      if (step.status === 'failed' || step.status === 'blocked') this.blockedFromStart.push(...this.blockDependents(step.position));
  }

  /** Dependents of steps that had failed or been blocked before this scheduler was built. */
  blockedAtStart(): BlockedStep[] {
    return [...this.blockedFromStart];
  }

  /** Steps to start now, lowest position first; they count as running until their outcome is reported. */
  next(): number[] {
    const started: number[] = [];
    for (const position of [...this.ready].sort((a, b) => a - b)) {
      if (this.inFlight.size >= this.concurrency) break;
      const serialClass = this.serialClasses.get(position);
      if (serialClass && this.busyClasses.has(serialClass)) continue;
      this.ready.delete(position);
      this.inFlight.add(position);
      this.statuses.set(position, 'running');
      if (serialClass) this.busyClasses.add(serialClass);
      started.push(position);
    }
    return started;
  }

  /** The step is done: what waited only for it becomes ready. */
  succeeded(position: number): void {
    this.finish(position, 'done');
    for (const dependent of this.dependents.get(position) ?? []) {
      const left = this.waiting.get(dependent)! - 1;
      this.waiting.set(dependent, left);
      if (left === 0 && this.statuses.get(dependent) === 'pending') this.ready.add(dependent);
    }
  }

  /** The step failed: every pending step that waits for it, directly or not, is blocked (returned). */
  failed(position: number): BlockedStep[] {
    this.finish(position, 'failed');
    return this.blockDependents(position);
  }

  /** The step's outcome is unknown (an answer was lost): its slot is freed, its dependents keep waiting. */
  undecided(position: number): void {
    this.finish(position, 'running');
  }

  status(position: number): StepStatus | undefined {
    return this.statuses.get(position);
  }

  /** Nothing is running: `next()` is empty until an outcome is reported, so the caller is done. */
  get idle(): boolean {
    return this.inFlight.size === 0;
  }

  private finish(position: number, status: StepStatus): void {
    if (!this.inFlight.delete(position)) throw new IllegalStateError(`step ${position} was not started`);
    this.statuses.set(position, status);
    const serialClass = this.serialClasses.get(position);
    if (serialClass) this.busyClasses.delete(serialClass);
  }

  private blockDependents(root: number): BlockedStep[] {
    const blocked: BlockedStep[] = [];
    const visit = (position: number) => {
      for (const dependent of this.dependents.get(position) ?? []) {
        if (this.statuses.get(dependent) !== 'pending') continue;
        this.statuses.set(dependent, 'blocked');
        this.ready.delete(dependent);
        blocked.push({ position: dependent, waitedFor: root });
        visit(dependent);
      }
    };
    visit(root);
    return blocked;
  }

  /** A cycle would leave its steps waiting forever: the planner never stores one, so it is refused. */
  private refuseCycles(steps: readonly SchedulableStep[]): void {
    const indegree = new Map(steps.map((s) => [s.position, new Set(s.dependsOn).size]));
    const free = steps.filter((s) => indegree.get(s.position) === 0).map((s) => s.position);
    let ordered = 0;
    while (free.length) {
      const position = free.pop()!;
      ordered++;
      for (const dependent of this.dependents.get(position) ?? []) {
        const left = indegree.get(dependent)! - 1;
        indegree.set(dependent, left);
        if (left === 0) free.push(dependent);
      }
    }
    if (ordered < steps.length) {
      const stuck = [...indegree].filter(([, left]) => left > 0).map(([position]) => position);
      throw new IllegalStateError(`steps ${stuck.join(', ')} can never start: they wait for a dependency cycle`);
    }
  }
}
