// A short-lived in-process cache of built documents ("microcache"). Partners and crawlers poll the
// same few URLs, often in bursts; within `ttlMs` they share one build, and requests that arrive
// while a build is running wait for it instead of starting their own. Feeds already tell caches
// they may keep a response for 5 minutes (Cache-Control), so a shorter server-side reuse changes
// nothing a partner can observe except speed. Entries are bounded in number and bytes.

export interface CacheOptions {
  ttlMs: number;
  maxEntries?: number;
  maxBytes?: number;
  now?: () => number;
}

interface Entry<T> {
  expires: number;
  bytes: number;
  value: Promise<T>;
}

export class DocumentCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private bytes = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly now: () => number;

  constructor(private readonly options: CacheOptions) {
    this.maxEntries = options.maxEntries ?? 500;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.now = options.now ?? Date.now;
  }

  /** The cached value for `key`, or the result of `build` (stored when `sizeOf` says it fits). */
  async get(key: string, build: () => Promise<T>, sizeOf: (value: T) => number): Promise<T> {
    if (this.options.ttlMs <= 0) return build();
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) {
      // Refresh the entry's place in the Map's order: the oldest used goes first when full.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    if (hit) this.remove(key);
    const entry: Entry<T> = { expires: now + this.options.ttlMs, bytes: 0, value: build() };
    this.entries.set(key, entry);
    try {
      const value = await entry.value;
      if (this.entries.get(key) === entry) {
        entry.bytes = sizeOf(value);
        this.bytes += entry.bytes;
        this.evict();
      }
      return value;
    } catch (error) {
      // A failed build is not remembered; the next request tries again.
      if (this.entries.get(key) === entry) this.remove(key);
      throw error;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.bytes;
    this.entries.delete(key);
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.remove(key);
    }
  }
}
