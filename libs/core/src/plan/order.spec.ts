import { orderSteps } from './order';
import { PlannedStep } from './types';

type Rank = [number, number, string];

/** A step with only what ordering reads: its index, its dependencies and a rank. */
function step(index: number, dependsOn: number[] = [], rank: Rank = [0, 0, '']): PlannedStep & { rank: Rank } {
  return {
    index,
    action: 'create',
    kind: 'source',
    naturalKey: rank[2],
    displayName: '',
    pending: [],
    dependsOn,
    reason: '',
    secretsMissing: [],
    secretsSupplied: [],
    rank,
  };
}

const byRank = (s: PlannedStep) => (s as PlannedStep & { rank: Rank }).rank;

/** Every step comes after each step it depends on. */
function expectTopological(steps: PlannedStep[], order: number[]): void {
  const position = new Map(order.map((index, i) => [index, i]));
  for (const s of steps) for (const d of s.dependsOn) expect(position.get(d)!).toBeLessThan(position.get(s.index)!);
}

describe('orderSteps', () => {
  it('returns nothing for no steps', () => {
    expect(orderSteps([], byRank)).toEqual({ order: [], cycle: [] });
  });

  it('puts every step after the steps it depends on, whatever their rank', () => {
    // 1 needs 2, 2 needs 3: ranks say 1, 2, 3, dependencies say 3, 2, 1
    const steps = [step(1, [2], [0, 0, 'a']), step(2, [3], [0, 0, 'b']), step(3, [], [0, 0, 'c'])];
    expect(orderSteps(steps, byRank)).toEqual({ order: [3, 2, 1], cycle: [] });
  });

  it('orders a diamond: the shared dependency first, the joining step last', () => {
    const steps = [step(1, [2, 3]), step(2, [4]), step(3, [4]), step(4)];
    const { order, cycle } = orderSteps(steps, byRank);
    expect(cycle).toEqual([]);
    expect(order[0]).toBe(4);
    expect(order[3]).toBe(1);
    expectTopological(steps, order);
  });

  it('takes among the ready steps the lowest rank: first element, then second, then the string', () => {
    const steps = [
      step(1, [], [1, 0, 'a']), // a delete (1) comes after creates (0)
      step(2, [], [0, 5, 'a']),
      step(3, [], [0, 2, 'z']),
      step(4, [], [0, 2, 'b']),
      step(5, [], [0, -1, 'q']), // negative catalog index (deletes of later kinds first)
    ];
    expect(orderSteps(steps, byRank).order).toEqual([5, 4, 3, 2, 1]);
  });

  it('compares the string part by code units, not by locale', () => {
    const steps = [step(1, [], [0, 0, 'b']), step(2, [], [0, 0, 'B']), step(3, [], [0, 0, 'a'])];
    // 'B' (66) < 'a' (97) < 'b' (98)
    expect(orderSteps(steps, byRank).order).toEqual([2, 3, 1]);
  });

  it('breaks a complete tie by step index', () => {
    const steps = [step(3), step(1), step(2)];
    expect(orderSteps(steps, byRank).order).toEqual([1, 2, 3]);
  });

  it('lets a step that becomes ready overtake ready steps of a higher rank', () => {
    // 2 (rank 0) waits for 3 (rank 1); 1 (rank 5) is ready from the start
    const steps = [step(1, [], [5, 0, '']), step(2, [3], [0, 0, '']), step(3, [], [1, 0, ''])];
    expect(orderSteps(steps, byRank).order).toEqual([3, 2, 1]);
  });

  it('gives the same order whatever the input order', () => {
    const make = () => [
      step(1, [], [0, 3, 'x']),
      step(2, [1], [0, 1, 'y']),
      step(3, [], [1, 0, 'a']),
      step(4, [3, 1], [0, 0, 'b']),
      step(5, [], [0, 3, 'w']),
      step(6, [5], [0, 0, 'c']),
    ];
    const reference = orderSteps(make(), byRank).order;
    expectTopological(make(), reference);
    const shuffled = make().reverse();
    expect(orderSteps(shuffled, byRank).order).toEqual(reference);
    const rotated = [...make().slice(3), ...make().slice(0, 3)];
    expect(orderSteps(rotated, byRank).order).toEqual(reference);
  });

  it('sorts a large set of independent steps fully by rank (the heap keeps its order)', () => {
    // a deterministic pseudo-random sequence of ranks, many duplicates
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const steps = Array.from({ length: 2000 }, (_, i) =>
      step(i + 1, [], [next() % 2, (next() % 20) - 10, String.fromCharCode(97 + (next() % 5))]),
    );
    const { order, cycle } = orderSteps(steps, byRank);
    expect(cycle).toEqual([]);
    const expected = [...steps]
      .sort((a, b) => {
        const [x, y] = [a.rank, b.rank];
        return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : a.index - b.index);
      })
      .map((s) => s.index);
    expect(order).toEqual(expected);
  });

  it('orders a long dependency chain given in reverse', () => {
    const steps = Array.from({ length: 500 }, (_, i) => step(i + 1, i === 499 ? [] : [i + 2]));
    const { order, cycle } = orderSteps(steps, byRank);
    expect(cycle).toEqual([]);
    expect(order).toEqual(Array.from({ length: 500 }, (_, i) => 500 - i));
  });

  it('leaves the steps of a cycle out of the order and reports them', () => {
    const steps = [step(1, [2]), step(2, [1]), step(3)];
    expect(orderSteps(steps, byRank)).toEqual({ order: [3], cycle: [1, 2] });
  });

  it('reports a self-dependency as a cycle', () => {
    const steps = [step(1, [1]), step(2)];
    expect(orderSteps(steps, byRank)).toEqual({ order: [2], cycle: [1] });
  });

  it('reports a longer cycle and what waits on it, and orders the rest', () => {
    // 1 → 2 → 3 → 1 is the cycle; 4 waits for 3 and so cannot be placed either; 5 and 6 are fine
    const steps = [step(1, [3]), step(2, [1]), step(3, [2]), step(4, [3]), step(5), step(6, [5])];
    const { order, cycle } = orderSteps(steps, byRank);
    expect(order).toEqual([5, 6]);
    expect(cycle).toEqual([1, 2, 3, 4]);
  });

  it('places every step exactly once when there is no cycle', () => {
    const steps = [step(1, [4]), step(2), step(3, [2]), step(4, [2, 3])];
    const { order, cycle } = orderSteps(steps, byRank);
    expect(cycle).toEqual([]);
    expect([...order].sort()).toEqual([1, 2, 3, 4]);
    expectTopological(steps, order);
  });
});
