import { isIP } from 'node:net';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

// Per-client budgets in points of query cost over a fixed window, in the manner of GitHub's GraphQL
// point budget: a request costs 1 point, an operation what its cost analysis says
// (src/http/plugins/use-query-limits.ts), so a client can make many cheap requests or a few
// expensive ones. Counting is rate-limiter-flexible's: in Redis when REDIS_URL is set, so every
// process draws from one budget per client; in memory otherwise. While Redis is away each process
// counts in its own memory (the library's insurance limiter), so limits stay on, only per process.

export interface RateLimitSettings {
  /** Points an anonymous client may spend per window; 0 turns rate limiting off. */
  points: number;
  /** Points a partner (X-Kabar-Partner-Key) may spend per window unless its key says otherwise. */
  partnerPoints: number;
  windowSeconds: number;
  /** Names the budget's keys, for limiters of other things than query cost (e.g. registrations). */
  name?: string;
}

/** Who pays: an address (or IPv6 /64) or a partner, and how many points it has per window. */
export interface RateLimitedClient {
  key: string;
  points: number;
  /** For the RateLimit-Policy header: "anonymous" or "partner". */
  kind: 'anonymous' | 'partner';
}

/** A client's budget after a charge. */
export interface Budget {
  limit: number;
  remaining: number;
  /** Seconds until the window starts again. */
  resetSeconds: number;
  /** The charge did not fit: the request is refused and may be tried again after resetSeconds. */
  exceeded: boolean;
  windowSeconds: number;
  kind: RateLimitedClient['kind'];
}

export class RateLimits {
  private readonly limiters = new Map<number, RateLimiterAbstract>();

  constructor(
    readonly settings: RateLimitSettings,
    private readonly redis: Redis | null = null,
  ) {}

  get enabled(): boolean {
    return this.settings.points > 0;
  }

  anonymous(address: string): RateLimitedClient {
    return { key: `client:${budgetAddress(address)}`, points: this.settings.points, kind: 'anonymous' };
  }

  partner(id: number, ownPoints: number | null): RateLimitedClient {
    return { key: `partner:${id}`, points: ownPoints ?? this.settings.partnerPoints, kind: 'partner' };
  }

  /** Takes `points` from the client's budget; a charge that does not fit is refused (exceeded). */
  async charge(client: RateLimitedClient, points: number): Promise<Budget> {
    const limiter = this.limiterFor(client.points);
    let outcome: RateLimiterRes;
    let exceeded = false;
    try {
      outcome = await limiter.consume(client.key, Math.max(1, Math.ceil(points)));
    } catch (refusal) {
      // The library rejects with its result when the budget is spent and with an Error when no
      // store answered (Redis away and the insurance limiter failing too): then nothing is refused.
      if (!(refusal instanceof RateLimiterRes)) return this.unknownBudget(client);
      outcome = refusal;
      exceeded = true;
    }
    return {
      limit: client.points,
      remaining: Math.max(0, outcome.remainingPoints),
      resetSeconds: Math.max(1, Math.ceil(outcome.msBeforeNext / 1000)),
      exceeded,
      windowSeconds: this.settings.windowSeconds,
      kind: client.kind,
    };
  }

  private unknownBudget(client: RateLimitedClient): Budget {
    return {
      limit: client.points,
      remaining: client.points,
      resetSeconds: this.settings.windowSeconds,
      exceeded: false,
      windowSeconds: this.settings.windowSeconds,
      kind: client.kind,
    };
  }

  /** One limiter per distinct allowance (the default, the partners' default, partners' own). */
  private limiterFor(points: number): RateLimiterAbstract {
    let limiter = this.limiters.get(points);
    if (limiter) return limiter;
    const options = { points, duration: this.settings.windowSeconds, keyPrefix: `${this.settings.name ?? 'rate'}:${points}` };
    const memory = new RateLimiterMemory(options);
    limiter = this.redis
      ? new RateLimiterRedis({ ...options, storeClient: this.redis, rejectIfRedisNotReady: true, insuranceLimiter: memory })
      : memory;
    this.limiters.set(points, limiter);
    return limiter;
  }
}

/**
 * The part of an address that identifies one client: IPv4 as it is; IPv6 by its /64, because one
 * subscriber usually holds a whole /64 and could otherwise take a fresh address per request.
 */
export function budgetAddress(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::') as [string, string?];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An IPv4-mapped tail ("::ffff:1.2.3.4") is one address, not a network.
  if (right.some((part) => part.includes('.'))) return address;
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
