import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { ExecutionResult } from 'graphql';

// The response cache by what answers read (issue 13). Each answer is stored with its tags
// (src/cache/tags.ts); a change drops exactly the answers carrying its tags. An answer is fresh for
// its TTL, then stale for `staleMs` more: one request recomputes it while the others are served the
// stale copy (stale-while-revalidate). Concurrent misses of one key are computed once: the first
// request computes, the others wait for its answer, in this process through a promise, across
// processes through a short lock in Redis and a few polls of the key.

export type CacheOutcome = 'HIT' | 'MISS' | 'STALE';

export interface StoredAnswer<T = ExecutionResult> {
  value: T;
  tags: string[];
  /** Epoch ms until which the answer is fresh. */
  freshUntil: number;
  /** Epoch ms until which it may be served stale while one request recomputes it. */
  staleUntil: number;
  /**
   * Epoch ms until which it is kept (at least staleUntil) to be served if recomputing it fails
   * because the database is away: an outage of a few minutes must not turn cached pages into 503s.
   */
  keepUntil?: number;
}

/** When the backend may forget an answer. */
const lastUse = (answer: StoredAnswer<unknown>) => Math.max(answer.staleUntil, answer.keepUntil ?? 0);

/** Where answers live: this process's memory, or Redis shared by the fleet. */
export interface AnswerBackend<T = ExecutionResult> {
  get(key: string): Promise<StoredAnswer<T> | undefined> | StoredAnswer<T> | undefined;
  set(key: string, answer: StoredAnswer<T>): Promise<void> | void;
  /** Drops every answer carrying one of `tags`; returns how many went. */
  invalidate(tags: readonly string[]): Promise<number> | number;
  /** Takes the right to compute `key` for `ms` (false: someone else has it). */
  claim(key: string, ms: number): Promise<boolean> | boolean;
  release(key: string): Promise<void> | void;
  /** Everything goes (the change feed lost continuity). */
  clear(): Promise<void> | void;
}

/** Bytes an entry costs beyond its text: key, object headers, LRU bookkeeping. */
const ENTRY_OVERHEAD_BYTES = 512;

/**
 * An answer kept in memory is the same object on every hit; yoga serialises it with its `stringify`
 * when it has one. Serialising once and handing out the same text saves the largest cost of a hit.
 */
export function rememberSerialization(result: object): void {
  const target = result as { stringify?: (value: unknown) => string };
  const serialise = target.stringify ?? JSON.stringify;
  let text: string | undefined;
  target.stringify = (value) => (text ??= serialise(value));
}

/** In this process; `sizeOf` measures a value in bytes (once, when stored). */
export function createMemoryAnswers<T = ExecutionResult>(limits: {
  maxEntries: number;
  maxBytes: number;
  sizeOf?: (value: T) => number;
}): AnswerBackend<T> {
  const sizeOf =
    limits.sizeOf ??
    ((value: T) => {
      const bytes = JSON.stringify(value).length * 2;
      rememberSerialization(value as object);
      return bytes;
    });
  const byTag = new Map<string, Set<string>>();
  const untag = (key: string, answer: StoredAnswer<T>) => {
    for (const tag of answer.tags) {
      const keys = byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) byTag.delete(tag);
    }
  };
  const entries = new LRUCache<string, StoredAnswer<T> & { bytes: number }>({
    max: limits.maxEntries,
    maxSize: limits.maxBytes,
    sizeCalculation: (answer) => Math.max(1, answer.bytes + ENTRY_OVERHEAD_BYTES),
    // Evicted, expired, replaced or invalidated: its key leaves the tag index too.
    dispose: (answer, key) => untag(key, answer),
  });
  const claims = new Map<string, number>();
  return {
    get: (key) => entries.get(key),
    set(key, answer) {
      const bytes = sizeOf(answer.value) + answer.tags.length * 16;
      entries.set(key, { ...answer, bytes }, { ttl: Math.max(1, lastUse(answer) - Date.now()) });
      for (const tag of answer.tags) {
        let keys = byTag.get(tag);
        if (!keys) byTag.set(tag, (keys = new Set()));
        keys.add(key);
      }
    },
    invalidate(tags) {
      let dropped = 0;
      for (const tag of tags) {
        for (const key of [...(byTag.get(tag) ?? [])]) if (entries.delete(key)) dropped += 1;
        byTag.delete(tag);
      }
      return dropped;
    },
    claim(key, ms) {
      const now = Date.now();
      if ((claims.get(key) ?? 0) > now) return false;
      claims.set(key, now + ms);
      if (claims.size > 10_000) for (const [k, until] of claims) if (until <= now) claims.delete(k);
      return true;
    },
    release(key) {
      claims.delete(key);
    },
    clear() {
      entries.clear();
      byTag.clear();
    },
  };
}

/**
 * Answers in Redis, shared by every process: `answer:<key>` holds the JSON of the answer and
 * expires when its stale period ends; `tag:<tag>` is the set of keys carrying the tag, expiring
 * with the longest-lived of them, so the index cannot grow without bound. Redis is a cache: when it
 * is unreachable, reads miss and writes are dropped (the database answers).
 */
export function createRedisAnswers(redis: Redis, options: { maxTagTtlMs: number }): AnswerBackend {
  const answerKey = (key: string) => `answer:${key}`;
  const tagKey = (tag: string) => `tag:${tag}`;
  const lockKey = (key: string) => `computing:${key}`;
  const soft = async <T>(work: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await work();
    } catch {
      return fallback;
    }
  };
  return {
    get: (key) =>
      soft(async () => {
        const text = await redis.get(answerKey(key));
        return text ? (JSON.parse(text) as StoredAnswer) : undefined;
      }, undefined),
    set: (key, answer) =>
      soft(async () => {
        const ttl = Math.max(1, lastUse(answer) - Date.now());
        const pipeline = redis.multi().set(answerKey(key), JSON.stringify(answer), 'PX', ttl);
        for (const tag of answer.tags) pipeline.sadd(tagKey(tag), key).pexpire(tagKey(tag), options.maxTagTtlMs);
        await pipeline.exec();
      }, undefined),
    invalidate: (tags) =>
      soft(async () => {
        let dropped = 0;
        for (const tag of tags) {
          const keys = await redis.smembers(tagKey(tag));
          if (keys.length > 0) dropped += await redis.del(...keys.map(answerKey));
          await redis.del(tagKey(tag));
        }
        return dropped;
      }, 0),
    claim: (key, ms) => soft(async () => (await redis.set(lockKey(key), '1', 'PX', ms, 'NX')) === 'OK', true),
    release: (key) =>
      soft(async () => {
        await redis.del(lockKey(key));
      }, undefined),
    clear: () =>
      soft(async () => {
        // Only Kabar's answers: scan by the prefix ioredis adds to every key.
        const prefix = redis.options.keyPrefix ?? '';
        for (const pattern of ['answer:*', 'tag:*']) {
          let cursor = '0';
          do {
            const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}${pattern}`, 'COUNT', 500);
            cursor = next;
            if (keys.length > 0) await redis.del(...keys.map((k) => k.slice(prefix.length)));
          } while (cursor !== '0');
        }
      }, undefined),
  };
}

export interface LookupOptions {
  /** How long others wait for the request that computes a key before computing it themselves. */
  waitMs: number;
}

export interface Lookup<T> {
  outcome: CacheOutcome;
  answer?: StoredAnswer<T>;
  /** With MISS: an expired answer to serve instead if computing the new one fails for a database outage. */
  fallback?: StoredAnswer<T>;
}

interface Computing<T> {
  done: Promise<StoredAnswer<T> | undefined>;
  finish(answer: StoredAnswer<T> | undefined): void;
  /** This process holds the backend's claim on the key (released when done). */
  held: boolean;
}

/**
 * Freshness, stale-while-revalidate and coalescing on top of a backend. `lookup` answers a
 * request: an answer (HIT or STALE), or nothing (MISS: this request computes and then calls
 * `store` or `abandon`).
 */
export class TaggedAnswers<T = ExecutionResult> {
  private readonly computing = new Map<string, Computing<T>>();
  private invalidations = 0;

  /**
   * Moves on with every invalidation in this process. A request notes it when it starts and keeps
   * its answer only if it has not moved: an answer computed while a change was applied may have
   * read the rows from before it, and storing it after the invalidation would keep it stale.
   */
  get epoch(): number {
    return this.invalidations;
  }

  constructor(
    readonly backend: AnswerBackend<T>,
    private readonly options: LookupOptions,
  ) {}

  async lookup(key: string): Promise<Lookup<T>> {
    const now = Date.now();
    const found = await this.backend.get(key);
    if (found && found.freshUntil > now) return { outcome: 'HIT', answer: found };
    // Whatever this request computes, it may fall back on the expired copy during an outage.
    const fallback = found && lastUse(found) > now ? found : undefined;
    if (found && found.staleUntil > now) {
      // Stale: one request recomputes, the others get the stale copy meanwhile.
      if (this.computing.has(key)) return { outcome: 'STALE', answer: found };
      const entry = this.register(key);
      if (await this.backend.claim(key, this.options.waitMs)) {
        entry.held = true;
        return { outcome: 'MISS', fallback };
      }
      this.finish(key, undefined);
      return { outcome: 'STALE', answer: found };
    }
    // Missing: wait for whoever computes it in this process,
    const local = this.computing.get(key);
    if (local) {
      const answer = await withTimeout(local.done, this.options.waitMs);
      if (answer) return { outcome: 'HIT', answer };
      // (it gave up or took too long: compute, without waiting again)
      this.register(key);
      return { outcome: 'MISS', fallback };
    }
    // or in another process (the claim is shared through Redis), or compute it.
    const entry = this.register(key);
    if (await this.backend.claim(key, this.options.waitMs)) {
      entry.held = true;
      // The one who held the claim before may have stored the answer just now.
      const stored = await this.backend.get(key);
      if (stored && stored.freshUntil > Date.now()) {
        this.finish(key, stored);
        return { outcome: 'HIT', answer: stored };
      }
      return { outcome: 'MISS', fallback };
    }
    const deadline = Date.now() + this.options.waitMs;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const answer = await this.backend.get(key);
      if (answer && answer.staleUntil > Date.now()) {
        this.finish(key, answer);
        return { outcome: 'HIT', answer };
      }
    }
    return { outcome: 'MISS', fallback };
  }

  async store(key: string, answer: StoredAnswer<T>): Promise<void> {
    await this.backend.set(key, answer);
    this.finish(key, answer);
  }

  /** The computing request produced nothing cacheable (an error): waiters compute for themselves. */
  abandon(key: string): void {
    this.finish(key, undefined);
  }

  invalidate(tags: readonly string[]): Promise<number> | number {
    this.invalidations += 1;
    return this.backend.invalidate(tags);
  }

  clear(): Promise<void> | void {
    this.invalidations += 1;
    return this.backend.clear();
  }

  private register(key: string): Computing<T> {
    const existing = this.computing.get(key);
    if (existing) return existing;
    let finish!: (answer: StoredAnswer<T> | undefined) => void;
    const done = new Promise<StoredAnswer<T> | undefined>((resolve) => (finish = resolve));
    const entry: Computing<T> = { done, finish, held: false };
    this.computing.set(key, entry);
    return entry;
  }

  private finish(key: string, answer: StoredAnswer<T> | undefined): void {
    const entry = this.computing.get(key);
    if (!entry) return;
    this.computing.delete(key);
    entry.finish(answer);
    if (entry.held) void Promise.resolve(this.backend.release(key)).catch(() => undefined);
  }
}

function withTimeout<T>(promise: Promise<T | undefined>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}
