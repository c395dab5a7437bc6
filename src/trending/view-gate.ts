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

export class ViewGate implements ViewAdmission {
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

/** What the view recorder asks: the memory gate above, or the fleet-wide one below. */
export interface ViewAdmission {
  admit(client: string, articleId: number): GateDecision | Promise<GateDecision>;
}

/** The part of an ioredis client the shared gate needs (the command is defined on first use). */
interface GateRedis {
  status: string;
  defineCommand(name: string, definition: { numberOfKeys: number; lua: string }): void;
}

// One round trip decides and remembers: the view's key is set with the window as its lifetime
// unless it exists (a repeat), and the client's article count for the window is checked and raised
// in the same script, so two processes cannot both count the same view.
const ADMIT_SCRIPT = `
if redis.call('exists', KEYS[1]) == 1 then return 0 end
local counted = tonumber(redis.call('get', KEYS[2]) or '0')
if counted >= tonumber(ARGV[2]) then return 2 end
redis.call('set', KEYS[1], '1', 'PX', ARGV[1])
if redis.call('incr', KEYS[2]) == 1 then redis.call('pexpire', KEYS[2], ARGV[1]) end
return 1
`;

const DECISIONS: GateDecision[] = ['repeat', 'counted', 'client-limit'];

/**
 * The gate for a fleet: with several processes behind a load balancer, a client whose beacons
 * reach every process must still count once per article and window, so the gate lives in Redis.
 * While Redis is away, each process falls back to its own memory gate (a client then counts at
 * most once per process), so the gate never lets a flood through and never blocks a reader.
 */
export class SharedViewGate implements ViewAdmission {
  constructor(
    private readonly redis: GateRedis,
    private readonly options: Pick<ViewGateOptions, 'windowMs' | 'maxArticlesPerClient'>,
    private readonly fallback: ViewGate,
  ) {
    redis.defineCommand('kabarAdmitView', { numberOfKeys: 2, lua: ADMIT_SCRIPT });
  }

  async admit(client: string, articleId: number): Promise<GateDecision> {
    if (this.redis.status !== 'ready') return this.fallback.admit(client, articleId);
    try {
      const run = (this.redis as unknown as { kabarAdmitView(...args: (string | number)[]): Promise<number> }).kabarAdmitView;
      const decision = await run.call(
        this.redis,
        `view-gate:${client}|${articleId}`,
        `view-gate-client:${client}`,
        this.options.windowMs,
        this.options.maxArticlesPerClient,
      );
      return DECISIONS[decision] ?? 'counted';
    } catch {
      return this.fallback.admit(client, articleId);
    }
  }
}
