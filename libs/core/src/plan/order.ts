import { PlannedStep } from './types';

export interface OrderResult {
  order: number[];
  /** Steps on a dependency cycle (empty when there is none). */
  cycle: number[];
}

/**
 * Kahn's topological sort of the steps by `dependsOn`, taking among the ready steps the one with
 * the lowest rank (creates and updates before deletes, catalog order, natural key), so that the
 * same plan always comes out in the same order. Steps left over sit on a cycle.
 */
export function orderSteps(steps: PlannedStep[], rank: (step: PlannedStep) => [number, number, string]): OrderResult {
  const indegree = new Map<number, number>();
  const dependents = new Map<number, number[]>();
  for (const step of steps) {
    indegree.set(step.index, step.dependsOn.length);
    for (const dependency of step.dependsOn) {
      const list = dependents.get(dependency);
      if (list) list.push(step.index);
      else dependents.set(dependency, [step.index]);
    }
  }
  const byIndex = new Map(steps.map((s) => [s.index, s]));
  const compare = (a: number, b: number) => {
    const [x, y] = [rank(byIndex.get(a)!), rank(byIndex.get(b)!)];
    return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : a - b);
  };
  const ready = new MinHeap<number>(compare);
  for (const step of steps) if (step.dependsOn.length === 0) ready.push(step.index);
  const order: number[] = [];
  while (ready.size) {
    const next = ready.pop()!;
    order.push(next);
    for (const dependent of dependents.get(next) ?? []) {
      const left = indegree.get(dependent)! - 1;
      indegree.set(dependent, left);
      if (left === 0) ready.push(dependent);
    }
  }
  const placed = new Set(order);
  return { order, cycle: steps.filter((s) => !placed.has(s.index)).map((s) => s.index) };
}

/** A binary heap: plans of ten thousand steps stay O(n log n). */
class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.compare(items[i]!, items[parent]!) >= 0) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    if (!items.length) return undefined;
    const top = items[0];
    const last = items.pop()!;
    if (items.length) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const [l, r] = [2 * i + 1, 2 * i + 2];
        let smallest = i;
        if (l < items.length && this.compare(items[l]!, items[smallest]!) < 0) smallest = l;
        if (r < items.length && this.compare(items[r]!, items[smallest]!) < 0) smallest = r;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest]!, items[i]!];
        i = smallest;
      }
    }
    return top;
  }
}
