import { Rng } from './rng';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';

/**
 * Generates ids in the shapes Segment uses (as seen in the examples of its OpenAPI document):
 * 22-char base62 for most resources, 24-hex for destinations, 27-char KSUID-like for filters and
 * roles, prefixed ids for functions and tracking plans, 32-char write keys.
 */
export class IdFactory {
  private readonly issued = new Set<string>();

  constructor(private readonly rng: Rng) {}

  /** Marks ids that exist already (loaded state), so that none is issued twice. */
  reserve(id: string): void {
    this.issued.add(id);
  }

  base62(length = 22): string {
    return this.unique(() => this.chars(BASE62, length));
  }

  hex(length = 24): string {
    return this.unique(() => this.chars(HEX, length));
  }

  ksuid(): string {
    return this.unique(() => '2' + this.chars(BASE62, 26));
  }

  prefixed(prefix: string, length = 22): string {
    return this.unique(() => prefix + this.chars(BASE62, length));
  }

  writeKey(): string {
    return this.unique(() => this.chars(BASE62, 32));
  }

  private chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.rng.next() * alphabet.length)];
    return out;
  }

  private unique(make: () => string): string {
    for (;;) {
      const id = make();
      if (!this.issued.has(id)) {
        this.issued.add(id);
        return id;
      }
    }
  }
}
