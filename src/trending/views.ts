import DataLoader from 'dataloader';
import type { Db } from '../db/database';
import { isBotUserAgent } from './bots';
import { findVisibleArticleIds, findVisibleArticleIdsBySlugs } from './repository';
import type { ViewBuffer } from './view-buffer';
import type { ViewAdmission } from './view-gate';
import { isDatabaseUnavailable } from '../db/errors';

// Turning a page-view beacon into a count: find the article (it must be publicly visible), skip
// bots, count it in the buffer. Shared by POST /views and the recordView mutation.
//
// Article look-ups are cached per process, so a story that is being read thousands of times a
// minute costs no statement per view; look-ups that miss the cache in the same tick share one
// statement. A hit stays valid for `cacheTtlMs`: a story withdrawn within that time may still be
// counted, which is harmless because trending lists only ever show visible articles.

export type ViewTarget = { slug: string } | { articleId: number };

export interface ViewOutcome {
  articleId: number;
  /** False when the User-Agent is a known bot (or missing), or the gate held the view back. */
  counted: boolean;
}

export class UnknownArticleError extends Error {
  constructor(readonly target: ViewTarget) {
    super(
      'slug' in target
        ? `No published article has the slug "${target.slug}": views are counted only for published articles.`
        : `No published article has this id: views are counted only for published articles.`,
    );
    this.name = 'UnknownArticleError';
  }
}

/** A view accepted while the database was away: counted when it is back. */
export interface ParkedOutcome {
  parked: true;
  counted: false;
}

/** Too many views are already waiting for the database. */
export class ViewsUnavailableError extends Error {
  constructor() {
    super('Views cannot be counted at the moment; please retry shortly.');
    this.name = 'ViewsUnavailableError';
  }
}

export interface ViewRecorderOptions {
  /** How long a found article stays cached. */
  cacheTtlMs?: number;
  /** How long "no such published article" stays cached. */
  missTtlMs?: number;
  maxCacheEntries?: number;
  now?: () => number;
  /** One view per client and article per window (src/trending/view-gate.ts); none: every view counts. */
  gate?: ViewAdmission | null;
  /** Views whose article could not be looked up while the database was away, kept for later. */
  maxParkedViews?: number;
  /** How often parked views are tried again. */
  parkedRetryMs?: number;
}

interface ParkedView {
  target: ViewTarget;
  userAgent: string | null | undefined;
  at: Date;
  client?: string;
}

interface CacheEntry {
  id: number | null;
  expiresAt: number;
}

export const MAX_SLUG_LENGTH = 300;

const DEFAULT_CACHE_TTL_MS = 60_000;
const DEFAULT_MISS_TTL_MS = 5_000;
const DEFAULT_MAX_CACHE_ENTRIES = 20_000;
/** Article look-ups that share one statement at most. */
const MAX_LOOKUPS_PER_STATEMENT = 500;

export class ViewRecorder {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly inFlight = new Map<string, Promise<number | null>>();
  private readonly bySlug: DataLoader<string, number | null>;
  private readonly byId: DataLoader<number, number | null>;
  private readonly cacheTtlMs: number;
  private readonly missTtlMs: number;
  private readonly maxCacheEntries: number;
  private readonly now: () => number;
  private readonly gate: ViewAdmission | null;
  private parked: ParkedView[] = [];
  private retrying = 0;
  private retryRun: Promise<number> | null = null;
  private parkedTimer: NodeJS.Timeout | null = null;
  private readonly maxParkedViews: number;
  private readonly parkedRetryMs: number;

  constructor(
    db: Db,
    readonly buffer: ViewBuffer,
    options: ViewRecorderOptions = {},
  ) {
    this.gate = options.gate ?? null;
    this.maxParkedViews = options.maxParkedViews ?? 100_000;
    this.parkedRetryMs = options.parkedRetryMs ?? 1_000;
    this.cacheTtlMs = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
    this.missTtlMs = options.missTtlMs ?? DEFAULT_MISS_TTL_MS;
    this.maxCacheEntries = options.maxCacheEntries ?? DEFAULT_MAX_CACHE_ENTRIES;
    this.now = options.now ?? Date.now;
    // cache: false: the TTL cache below is the only cache, so entries do expire.
    this.bySlug = new DataLoader(
      async (slugs) => {
        const rows = await findVisibleArticleIdsBySlugs(db, slugs);
        const ids = new Map(rows.map((row) => [row.slug, row.id]));
        return slugs.map((slug) => ids.get(slug) ?? null);
      },
      { cache: false, maxBatchSize: MAX_LOOKUPS_PER_STATEMENT },
    );
    this.byId = new DataLoader(
      async (ids) => {
        const visible = new Set(await findVisibleArticleIds(db, ids));
        return ids.map((id) => (visible.has(id) ? id : null));
      },
      { cache: false, maxBatchSize: MAX_LOOKUPS_PER_STATEMENT },
    );
  }

  /** The id of the publicly visible article the target names, or null. */
  resolve(target: ViewTarget): Promise<number | null> {
    const key = 'slug' in target ? `s:${target.slug}` : `i:${target.articleId}`;
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt > this.now()) return Promise.resolve(cached.id);
    const running = this.inFlight.get(key);
    if (running) return running;
    const lookup = ('slug' in target ? this.bySlug.load(target.slug) : this.byId.load(target.articleId))
      .then((id) => {
        this.remember(key, id);
        return id;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, lookup);
    return lookup;
  }

  /**
   * Counts one view of the target article unless the User-Agent is a bot. Throws
   * UnknownArticleError when no published article matches; then nothing is counted anywhere.
   */
  async record(
    target: ViewTarget,
    userAgent: string | null | undefined,
    at: Date = new Date(),
    client?: string,
  ): Promise<ViewOutcome | ParkedOutcome> {
    let articleId: number | null;
    try {
      articleId = await this.resolve(target);
    } catch (error) {
      // The database is away: the view is kept and counted once the article can be looked up
      // (a reader's view is not lost to an outage). Other errors are real failures.
      if (!isDatabaseUnavailable(error) || isBotUserAgent(userAgent)) throw error;
      return this.park({ target, userAgent, at, client });
    }
    return await this.count(target, articleId, userAgent, at, client);
  }

  /** Views waiting for the database. */
  get parkedViews(): number {
    // Views taken out for a retry still count as parked until they are counted or put back, so
    // nobody (shutdown, a test) flushes the buffer believing they are already in it.
    return this.parked.length + this.retrying;
  }

  /**
   * Looks up the articles of parked views and counts them (unknown ones are dropped, as they
   * would have been refused). Returns how many were counted; leaves them parked if the database
   * is still away.
   */
  async retryParked(): Promise<number> {
    // One retry at a time: a caller (shutdown) that arrives while the timer's retry runs waits
    // for it, so it never flushes the buffer before those views are in it.
    while (this.retryRun) await this.retryRun.catch(() => 0);
    if (this.parked.length === 0) return 0;
    this.retryRun = this.retryOnce();
    try {
      return await this.retryRun;
    } finally {
      this.retryRun = null;
    }
  }

  private async retryOnce(): Promise<number> {
    const waiting = this.parked;
    this.parked = [];
    this.retrying += waiting.length;
    let counted = 0;
    for (let i = 0; i < waiting.length; i += 1) {
      const view = waiting[i]!;
      let articleId: number | null;
      try {
        articleId = await this.resolve(view.target);
      } catch (error) {
        this.parked = waiting.slice(i).concat(this.parked);
        this.retrying -= waiting.length - i;
        if (!isDatabaseUnavailable(error)) throw error;
        this.scheduleRetry();
        return counted;
      }
      // Still counted as parked until it is in the buffer (the gate may ask Redis first).
      if (articleId !== null && (await this.count(view.target, articleId, view.userAgent, view.at, view.client)).counted) counted += 1;
      this.retrying -= 1;
    }
    return counted;
  }

  private park(view: ParkedView): ParkedOutcome {
    if (this.parked.length >= this.maxParkedViews) throw new ViewsUnavailableError();
    this.parked.push(view);
    this.scheduleRetry();
    return { parked: true, counted: false };
  }

  private scheduleRetry(): void {
    if (this.parkedTimer) return;
    this.parkedTimer = setTimeout(() => {
      this.parkedTimer = null;
      void this.retryParked().catch(() => this.scheduleRetry());
    }, this.parkedRetryMs);
    this.parkedTimer.unref();
  }

  private async count(
    target: ViewTarget,
    articleId: number | null,
    userAgent: string | null | undefined,
    at: Date,
    client?: string,
  ): Promise<ViewOutcome> {
    if (articleId === null) throw new UnknownArticleError(target);
    if (isBotUserAgent(userAgent)) return { articleId, counted: false };
    if (this.gate && client !== undefined && (await this.gate.admit(client, articleId)) !== 'counted') return { articleId, counted: false };
    this.buffer.record(articleId, at);
    return { articleId, counted: true };
  }

  private remember(key: string, id: number | null): void {
    if (this.cache.size >= this.maxCacheEntries) {
      // Oldest first: a Map iterates in insertion order.
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.delete(key);
    this.cache.set(key, { id, expiresAt: this.now() + (id === null ? this.missTtlMs : this.cacheTtlMs) });
  }
}
