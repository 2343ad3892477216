import { IllegalStateError } from '../errors';
import { SchedulableStep, StepScheduler } from './step-scheduler';
import { StepStatus } from './types';

const step = (position: number, dependsOn: number[] = [], extra: Partial<SchedulableStep> = {}): SchedulableStep => ({
  position,
  dependsOn,
  status: 'pending',
  ...extra,
});

/** Runs every step to the end, one wave at a time; `fails` fail, the rest succeed. Returns the waves. */
function drain(scheduler: StepScheduler, fails: number[] = []): number[][] {
  const waves: number[][] = [];
  for (let wave = scheduler.next(); wave.length; wave = scheduler.next()) {
    waves.push(wave);
    for (const position of wave)
      if (fails.includes(position)) scheduler.failed(position);
      else scheduler.succeeded(position);
  }
  return waves;
}

const statuses = (scheduler: StepScheduler, positions: number[]): Record<number, StepStatus | undefined> =>
  Object.fromEntries(positions.map((p) => [p, scheduler.status(p)]));

describe('StepScheduler', () => {
  describe('ordering', () => {
    it('starts independent steps at once, lowest position first', () => {
      const scheduler = new StepScheduler([step(3), step(1), step(2)], 8);
      expect(scheduler.next()).toEqual([1, 2, 3]);
      expect(scheduler.next()).toEqual([]);
    });

    it('starts a step only when every step it depends on is done', () => {
      const scheduler = new StepScheduler([step(1), step(2), step(3, [1, 2])], 8);
      expect(scheduler.next()).toEqual([1, 2]);
      scheduler.succeeded(1);
      expect(scheduler.next()).toEqual([]);
      scheduler.succeeded(2);
      expect(scheduler.next()).toEqual([3]);
    });

    it('runs a chain in dependency order, not position order', () => {
      const scheduler = new StepScheduler([step(1, [3]), step(2, [1]), step(3)], 8);
      expect(drain(scheduler)).toEqual([[3], [1], [2]]);
      expect(statuses(scheduler, [1, 2, 3])).toEqual({ 1: 'done', 2: 'done', 3: 'done' });
    });

    it('counts a dependency named twice once', () => {
      const scheduler = new StepScheduler([step(1), step(2, [1, 1])], 8);
      expect(drain(scheduler)).toEqual([[1], [2]]);
    });
  });

  describe('concurrency', () => {
    it('never has more than `concurrency` steps running; a finished one frees its slot', () => {
      const scheduler = new StepScheduler(
        [1, 2, 3, 4, 5].map((p) => step(p)),
        2,
      );
      expect(scheduler.next()).toEqual([1, 2]);
      expect(scheduler.next()).toEqual([]);
      scheduler.succeeded(2);
      expect(scheduler.next()).toEqual([3]);
      scheduler.failed(1);
      scheduler.succeeded(3);
      expect(scheduler.next()).toEqual([4, 5]);
      expect(scheduler.idle).toBe(false);
      scheduler.succeeded(4);
      scheduler.succeeded(5);
      expect(scheduler.idle).toBe(true);
    });

    it('refuses a concurrency that is not a positive integer', () => {
      for (const concurrency of [0, -1, 1.5, Number.NaN]) expect(() => new StepScheduler([], concurrency)).toThrow(IllegalStateError);
    });
  });

  describe('serial classes', () => {
    it('runs steps of one serial class one at a time, others alongside', () => {
      const slow = { serialClass: 'subscriptions-write' };
      const scheduler = new StepScheduler([step(1, [], slow), step(2, [], slow), step(3), step(4, [], slow)], 8);
      expect(scheduler.next()).toEqual([1, 3]);
      scheduler.succeeded(3);
      expect(scheduler.next()).toEqual([]);
      scheduler.succeeded(1);
      expect(scheduler.next()).toEqual([2]);
      scheduler.failed(2);
      expect(scheduler.next()).toEqual([4]);
    });

    it('keeps two serial classes apart from each other', () => {
      const scheduler = new StepScheduler(
        [step(1, [], { serialClass: 'a' }), step(2, [], { serialClass: 'b' }), step(3, [], { serialClass: 'a' })],
        8,
      );
      expect(scheduler.next()).toEqual([1, 2]);
    });

    it('an undecided step frees its class too', () => {
      const scheduler = new StepScheduler([step(1, [], { serialClass: 'a' }), step(2, [], { serialClass: 'a' })], 8);
      expect(scheduler.next()).toEqual([1]);
      scheduler.undecided(1);
      expect(scheduler.next()).toEqual([2]);
    });
  });

  describe('failures', () => {
    it('blocks the whole chain behind a failed step, naming the step that failed', () => {
      const scheduler = new StepScheduler([step(1), step(2, [1]), step(3, [2]), step(4)], 8);
      expect(scheduler.next()).toEqual([1, 4]);
      expect(scheduler.failed(1)).toEqual([
        { position: 2, waitedFor: 1 },
        { position: 3, waitedFor: 1 },
      ]);
      scheduler.succeeded(4);
      expect(scheduler.next()).toEqual([]);
      expect(statuses(scheduler, [1, 2, 3, 4])).toEqual({ 1: 'failed', 2: 'blocked', 3: 'blocked', 4: 'done' });
    });

    it('in a diamond, one failed branch blocks the join, once; the other branch still runs', () => {
      //   1
      //  / \
      // 2   3
      //  \ /
      //   4
      const scheduler = new StepScheduler([step(1), step(2, [1]), step(3, [1]), step(4, [2, 3])], 8);
      expect(drain(scheduler, [2])).toEqual([[1], [2, 3]]);
      expect(statuses(scheduler, [1, 2, 3, 4])).toEqual({ 1: 'done', 2: 'failed', 3: 'done', 4: 'blocked' });
    });

    it('a failure at the top of a diamond blocks every step below it once', () => {
      const scheduler = new StepScheduler([step(1), step(2, [1]), step(3, [1]), step(4, [2, 3])], 8);
      scheduler.next();
      const blocked = scheduler.failed(1);
      expect(blocked.map((b) => b.position).sort()).toEqual([2, 3, 4]);
      expect(blocked.every((b) => b.waitedFor === 1)).toBe(true);
    });

    it('an undecided step neither releases nor blocks what waits for it', () => {
      const scheduler = new StepScheduler([step(1), step(2, [1])], 8);
      expect(scheduler.next()).toEqual([1]);
      scheduler.undecided(1);
      expect(scheduler.next()).toEqual([]);
      expect(scheduler.idle).toBe(true);
      expect(statuses(scheduler, [1, 2])).toEqual({ 1: 'running', 2: 'pending' });
    });

    it('refuses an outcome for a step it did not start', () => {
      const scheduler = new StepScheduler([step(1), step(2, [1])], 8);
      expect(() => scheduler.succeeded(2)).toThrow(IllegalStateError);
      scheduler.next();
      scheduler.succeeded(1);
      expect(() => scheduler.failed(1)).toThrow(IllegalStateError);
    });
  });

  describe('resuming an apply', () => {
    it('counts done steps as done and never starts them again', () => {
      const scheduler = new StepScheduler([step(1, [], { status: 'done' }), step(2, [1]), step(3, [2], { status: 'done' })], 8);
      expect(drain(scheduler)).toEqual([[2]]);
    });

    it('blocks what waits for a step that had failed or been blocked, naming that step', () => {
      const scheduler = new StepScheduler(
        [
          step(1, [], { status: 'failed' }),
          step(2, [1]),
          step(3, [2]),
          step(4, [], { status: 'blocked' }),
          step(5, [4]),
          step(6, [], { status: 'done' }),
          step(7, [6]),
        ],
        8,
      );
      expect(scheduler.blockedAtStart()).toEqual([
        { position: 2, waitedFor: 1 },
        { position: 3, waitedFor: 1 },
        { position: 5, waitedFor: 4 },
      ]);
      expect(drain(scheduler)).toEqual([[7]]);
    });

    it('does not start a step whose outcome is still unknown, nor what waits for it', () => {
      const scheduler = new StepScheduler([step(1, [], { status: 'running' }), step(2, [1]), step(3)], 8);
      expect(drain(scheduler)).toEqual([[3]]);
      expect(statuses(scheduler, [1, 2, 3])).toEqual({ 1: 'running', 2: 'pending', 3: 'done' });
    });

    it('leaves steps already blocked or failed as they are', () => {
      const scheduler = new StepScheduler([step(1, [], { status: 'failed' }), step(2, [1], { status: 'blocked' })], 8);
      expect(scheduler.blockedAtStart()).toEqual([]);
      expect(scheduler.next()).toEqual([]);
    });
  });

  describe('graphs it cannot schedule', () => {
    it('refuses a dependency on a step the plan does not have', () => {
      expect(() => new StepScheduler([step(1), step(2, [9])], 8)).toThrow('step 2 depends on step 9, which the plan does not have');
    });

    it('refuses a cycle, naming the steps that could never start', () => {
      expect(() => new StepScheduler([step(1), step(2, [3]), step(3, [2]), step(4, [3])], 8)).toThrow(
        'steps 2, 3, 4 can never start: they wait for a dependency cycle',
      );
      expect(() => new StepScheduler([step(1, [1])], 8)).toThrow(IllegalStateError);
    });

    it('refuses a position given twice', () => {
      expect(() => new StepScheduler([step(1), step(1)], 8)).toThrow('step 1 appears twice');
    });

    it('an empty plan has nothing to start', () => {
      const scheduler = new StepScheduler([], 1);
      expect(scheduler.next()).toEqual([]);
      expect(scheduler.idle).toBe(true);
    });
  });
});
