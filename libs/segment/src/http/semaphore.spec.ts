import { Semaphore } from './semaphore';

const tick = () => new Promise((resolve) => setImmediate(resolve));

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('Semaphore', () => {
  it('refuses limits that are not positive integers', () => {
    for (const limit of [0, -1, 1.5, Number.NaN])
      expect(() => new Semaphore(limit)).toThrow('the concurrency limit must be a positive integer');
  });

  it('never runs more than N tasks at once, and runs them all', async () => {
    const semaphore = new Semaphore(3);
    let active = 0;
    let peak = 0;
    const task = async (i: number) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, (i * 7) % 5));
      active--;
      return i;
    };
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => semaphore.run(() => task(i))));
    expect(results).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(peak).toBe(3);
    expect(active).toBe(0);
  });

  it('holds waiting tasks until a slot frees, then starts them in order', async () => {
    const semaphore = new Semaphore(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, i) =>
      semaphore.run(async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    gates[1]!.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    gates[2]!.resolve();
    gates[3]!.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
  });

  it('a failing task releases its slot and its error reaches the caller', async () => {
    const semaphore = new Semaphore(1);
    await expect(semaphore.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(
      semaphore.run(async () => {
        throw new Error('sync boom');
      }),
    ).rejects.toThrow('sync boom');
    await expect(semaphore.run(async () => 'after')).resolves.toBe('after');
  });

  it('with a limit of one, tasks never overlap', async () => {
    const semaphore = new Semaphore(1);
    const log: string[] = [];
    await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        semaphore.run(async () => {
          log.push(`${name}+`);
          await tick();
          log.push(`${name}-`);
        }),
      ),
    );
    expect(log).toEqual(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
  });
});
