/**
 * An insertion-ordered keyed collection that pages by keyset (sequence numbers), so that a cursor
 * stays valid while other items are created or deleted between two page requests — as an opaque
 * server cursor does — and a page is O(log n + page size) even in a workspace of 50,000 items.
 */
export class Collection<T> {
  private readonly keys: string[] = [];
  private readonly seqs: number[] = [];
  private readonly entries = new Map<string, { seq: number; value: T }>();

  constructor(private readonly nextSeq: () => number) {}

  get size(): number {
    return this.keys.length;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string): T | undefined {
    return this.entries.get(key)?.value;
  }

  /** Inserts at the end, or replaces in place (keeping the position) when the key exists. */
  set(key: string, value: T): void {
    const existing = this.entries.get(key);
    if (existing) {
      existing.value = value;
      return;
    }
    const seq = this.nextSeq();
    this.entries.set(key, { seq, value });
    this.keys.push(key);
    this.seqs.push(seq);
  }

  delete(key: string): boolean {
    const existing = this.entries.get(key);
    if (!existing) return false;
    const index = this.indexAfter(existing.seq - 1);
    this.keys.splice(index, 1);
    this.seqs.splice(index, 1);
    this.entries.delete(key);
    return true;
  }

  clear(): void {
    this.keys.length = 0;
    this.seqs.length = 0;
    this.entries.clear();
  }

  values(): T[] {
    return this.keys.map((key) => this.entries.get(key)!.value);
  }

  keyList(): string[] {
    return [...this.keys];
  }

  /** Index of the first item whose sequence number is greater than `seq`. */
  indexAfter(seq: number): number {
    let lo = 0;
    let hi = this.seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs[mid]! <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  seqAt(index: number): number {
    return this.seqs[index]!;
  }

  slice(start: number, end: number): T[] {
    const out: T[] = [];
    for (let i = start; i < Math.min(end, this.keys.length); i++) out.push(this.entries.get(this.keys[i]!)!.value);
    return out;
  }
}
