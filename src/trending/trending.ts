import type { Db } from '../db/database';
import { startFleetJob, type JobRunObserver } from '../jobs/fleet';
import { startPeriodic, type PeriodicTask } from '../jobs/periodic';
import { computeTrendingRows, type TrendingRow } from './repository';
import { loadSharedLists, newestSharedLists, storeSharedLists } from './shared-lists';
import { hourOf } from './view-buffer';

// Terpopuler. Lists are computed in the background from the hourly rollups, for every window and
// for the whole site plus every section, and kept in memory; a reader's request only picks a list.
// In a fleet (the `shared` option, which the service uses), one process per interval computes them
// (src/jobs/fleet.ts) and stores them in trending_lists; every process loads them from there, so
// all serve the same lists with the same generatedAt.
//
// Windows follow the NYT Most Popular convention: the last hour, 1, 7 and 30 days. Views are kept
// per hour, so a window of N hours covers the current (partial) hour plus the N whole hours before
// it: it is never shorter than its name says, and at most one hour longer.
//
// Score = Σ views × 2^(−age / half-life), age = now − start of the view's hour. Within a window,
// recent readers weigh more than old ones, so a story that is being read now climbs past one that
// was read the same number of times yesterday. See README "Terpopuler (trending) and views".

export type TrendingWindowName = 'HOUR' | 'DAY' | 'WEEK' | 'MONTH';

export interface TrendingWindowDefinition {
  hours: number;
  halfLifeHours: number;
  description: string;
}

export const TRENDING_WINDOWS: Record<TrendingWindowName, TrendingWindowDefinition> = {
  HOUR: { hours: 1, halfLifeHours: 0.5, description: 'The last hour (half-life 30 minutes).' },
  DAY: { hours: 24, halfLifeHours: 6, description: 'The last 24 hours (half-life 6 hours).' },
  WEEK: { hours: 24 * 7, halfLifeHours: 48, description: 'The last 7 days (half-life 2 days).' },
  MONTH: { hours: 24 * 30, halfLifeHours: 24 * 7, description: 'The last 30 days (half-life 7 days).' },
};

export const TRENDING_WINDOW_NAMES = Object.keys(TRENDING_WINDOWS) as TrendingWindowName[];

/** Entries kept per list; the most a reader can ask for. */
export const TRENDING_LIST_SIZE = 50;

const HOUR_MS = 3_600_000;

/** The first hourly bucket that counts for the window at `now`. */
export function windowStart(window: TrendingWindowName, now: Date): Date {
  return new Date(hourOf(now) - TRENDING_WINDOWS[window].hours * HOUR_MS);
}

export interface TrendingEntry {
  /** 1-based, in the stored list; readers renumber after dropping hidden articles. */
  rank: number;
  articleId: number;
  sectionId: number;
  views: number;
  score: number;
}

export interface TrendingList {
  window: TrendingWindowName;
  generatedAt: Date;
  since: Date;
  entries: readonly TrendingEntry[];
}

export interface Lists {
  generatedAt: Date;
  /** `${window}:${sectionId or "site"}` → entries. */
  byKey: Map<string, TrendingEntry[]>;
}

export interface TrendingStoreOptions {
  refreshIntervalMs: number;
  listSize?: number;
  clock?: () => Date;
  log?: (message: string) => void;
  /**
   * Fleet mode: computed by whichever process claims the `trending` job, written to trending_lists,
   * and loaded by every process every `loadIntervalMs` (one small statement when nothing changed).
   */
  shared?: { loadIntervalMs: number; onRun?: JobRunObserver };
}

export function listKey(window: TrendingWindowName, sectionId: number | null): string {
  return `${window}:${sectionId ?? 'site'}`;
}

export class TrendingStore {
  private lists: Lists | null = null;
  private refreshing: Promise<unknown> = Promise.resolve();
  private firstLists: Promise<void> | null = null;
  private timer: PeriodicTask | null = null;
  private loader: PeriodicTask | null = null;
  private readonly listSize: number;
  private readonly clock: () => Date;
  private readonly log: (message: string) => void;

  constructor(
    private readonly db: Db,
    private readonly options: TrendingStoreOptions,
  ) {
    this.listSize = options.listSize ?? TRENDING_LIST_SIZE;
    this.clock = options.clock ?? (() => new Date());
    this.log = options.log ?? console.error;
  }

  /** When the lists in memory were computed; null before the first computation. */
  get generatedAt(): Date | null {
    return this.lists?.generatedAt ?? null;
  }

  /** Computes every list now (one statement) and swaps them in. Refreshes never overlap. */
  refresh(now: Date = this.clock()): Promise<void> {
    const run = this.refreshing.then(async () => {
      const windows = TRENDING_WINDOW_NAMES.map((name) => ({
        name,
        since: windowStart(name, now),
        halfLifeHours: TRENDING_WINDOWS[name].halfLifeHours,
      }));
      const rows = await computeTrendingRows(this.db, { now, windows, limit: this.listSize });
      const lists = { generatedAt: now, byKey: buildLists(rows, this.listSize) };
      if (this.options.shared) await storeSharedLists(this.db, lists);
      this.lists = lists;
    });
    this.refreshing = run.catch(() => undefined);
    return run;
  }

  /**
   * The list for a window, site-wide (sectionId null) or for one section. Costs no statement once
   * the store has computed; a store that was never started computes on its first read.
   */
  async get(window: TrendingWindowName, sectionId: number | null): Promise<TrendingList> {
    if (!this.lists) {
      this.firstLists ??= this.firstComputation().finally(() => {
        this.firstLists = null;
      });
      await this.firstLists;
    }
    const lists = this.lists!;
    return {
      window,
      generatedAt: lists.generatedAt,
      since: windowStart(window, lists.generatedAt),
      entries: lists.byKey.get(listKey(window, sectionId)) ?? [],
    };
  }

  /** Fleet mode: the stored lists, if newer than the ones in memory. */
  async load(): Promise<void> {
    const newest = await newestSharedLists(this.db);
    if (!newest || (this.lists && this.lists.generatedAt.getTime() >= newest.getTime())) return;
    const lists = await loadSharedLists(this.db);
    if (lists && (!this.lists || lists.generatedAt > this.lists.generatedAt)) this.lists = lists;
  }

  private async firstComputation(): Promise<void> {
    if (this.options.shared) {
      await this.load();
      if (this.lists) return;
    }
    await this.refresh();
  }

  /** Computes the first lists (so the first reader has data), then refreshes every interval. */
  async start(): Promise<void> {
    if (this.timer) return;
    const shared = this.options.shared;
    if (shared) {
      // Whoever is due computes and stores; everyone loads what is stored.
      const job = startFleetJob(this.db, 'trending', this.options.refreshIntervalMs, () => this.refresh(), { log: this.log, onRun: shared.onRun });
      this.timer = job;
      await job.runNow();
      await this.load().catch((error: unknown) => this.log(`[trending] loading the shared lists failed: ${String(error)}`));
      this.loader = startPeriodic('trending-load', shared.loadIntervalMs, () => this.load(), this.log);
      return;
    }
    try {
      await this.refresh();
    } catch (error) {
      // The periodic refresh (or the first reader) tries again; start-up need not fail for it.
      this.log(`[trending] first computation failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.timer = startPeriodic('trending', this.options.refreshIntervalMs, () => this.refresh(), this.log);
  }

  /** Stops the timers and waits for a refresh in progress. */
  async stop(): Promise<void> {
    await this.timer?.stop();
    await this.loader?.stop();
    this.timer = null;
    this.loader = null;
    await this.refreshing;
  }
}

function buildLists(rows: readonly TrendingRow[], listSize: number): Map<string, TrendingEntry[]> {
  const byKey = new Map<string, TrendingEntry[]>();
  const push = (key: string, entry: TrendingEntry) => {
    const list = byKey.get(key);
    if (list) list.push(entry);
    else byKey.set(key, [entry]);
  };
  for (const row of rows) {
    const window = row.window_name as TrendingWindowName;
    const base = { articleId: row.article_id, sectionId: row.section_id, views: row.views, score: row.score };
    if (row.site_rank <= listSize) push(listKey(window, null), { ...base, rank: row.site_rank });
    if (row.section_rank <= listSize) push(listKey(window, row.section_id), { ...base, rank: row.section_rank });
  }
  for (const list of byKey.values()) list.sort((a, b) => a.rank - b.rank);
  return byKey;
}
