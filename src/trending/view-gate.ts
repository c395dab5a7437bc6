// Terpopuler must not be for sale: one client sending thousands of beacons must count as one
// reader. The gate admits at most one view per client and article within a window, and at most
// `maxArticlesPerClient` articles per client within it (a real reader does not open hundreds of
// stories in half an hour; a scraper does). Entries live in memory, oldest first: with one window
// for all, insertion order is expiry order, so pruning is a walk from the front.

export interface ViewGateOptions {
  windowMs: number;
  maxArticlesPerClient: number;
  /** Bounds memory: beyond this, the oldest entries are forgotten early. */
  maxEntries?: number;
  now?: () => number;
}

export type GateDecision = 'counted' | 'repeat' | 'client-limit';

export class ViewGate {
  private readonly seen = new Map<string, number>();
  private readonly articlesPerClient = new Map<string, { count: number; since: number }>();
  private readonly now: () => number;
  private readonly maxEntries: number;

  constructor(private readonly options: ViewGateOptions) {
    this.now = options.now ?? Date.now;
    this.maxEntries = options.maxEntries ?? 500_000;
  }

  /** Decides whether this client's view of this article counts, and remembers it if so. */
  admit(client: string, articleId: number): GateDecision {
    const now = this.now();
    this.prune(now);
    const key = `${client}|${articleId}`;
    if (this.seen.has(key)) return 'repeat';
    let perClient = this.articlesPerClient.get(client);
    if (!perClient || now - perClient.since >= this.options.windowMs) {
      perClient = { count: 0, since: now };
      // Re-inserted, so this map too stays in order of age.
      this.articlesPerClient.delete(client);
      this.articlesPerClient.set(client, perClient);
    }
    if (perClient.count >= this.options.maxArticlesPerClient) return 'client-limit';
    perClient.count += 1;
    this.seen.set(key, now);
    return 'counted';
  }

  get size(): number {
    return this.seen.size;
  }

  private prune(now: number): void {
    for (const [key, at] of this.seen) {
      if (now - at < this.options.windowMs && this.seen.size <= this.maxEntries) break;
      this.seen.delete(key);
    }
    for (const [client, entry] of this.articlesPerClient) {
      if (now - entry.since < this.options.windowMs && this.articlesPerClient.size <= this.maxEntries) break;
      this.articlesPerClient.delete(client);
    }
  }
}
