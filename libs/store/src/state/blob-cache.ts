import { JsonObject } from '@app/core';

/**
 * Parsed blob bodies by hash. Blobs are content-addressed and never change, so a body read once
 * serves every later version and workspace that holds it: after the first state read, reading
 * another version fetches only the ~1% of bodies that changed. Bounded by the bodies' JSON size.
 * Bodies are shared: callers must treat them as read-only.
 */
export class BlobCache {
  private readonly bodies = new Map<string, { body: JsonObject; size: number }>();
  private size = 0;

  constructor(private readonly maxBytes = 96 * 1024 * 1024) {}

  get(hash: string): JsonObject | undefined {
    const hit = this.bodies.get(hash);
    if (!hit) return undefined;
    // refresh recency: Map iteration order is insertion order
    this.bodies.delete(hash);
    this.bodies.set(hash, hit);
    return hit.body;
  }

  set(hash: string, text: string): JsonObject {
    const body = JSON.parse(text) as JsonObject;
    this.put(hash, body, text.length);
    return body;
  }

  /** A body already in memory (a snapshot just observed it); its size estimated when unknown. */
  put(hash: string, body: JsonObject, size = 1024): void {
    if (size > this.maxBytes / 4 || this.bodies.has(hash)) return;
    this.bodies.set(hash, { body, size });
    this.size += size;
    for (const [oldest, entry] of this.bodies) {
      if (this.size <= this.maxBytes) break;
      this.bodies.delete(oldest);
      this.size -= entry.size;
    }
  }

  clear(): void {
    this.bodies.clear();
    this.size = 0;
  }

  get bytes(): number {
    return this.size;
  }
}
