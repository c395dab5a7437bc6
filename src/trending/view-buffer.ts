import type { Db } from '../db/database';
import { startPeriodic, type PeriodicTask } from '../jobs/periodic';
import { upsertHourlyViews, type HourlyViews } from './repository';

// Page views are counted in memory and written as one multi-row upsert every few seconds, so a
// burst of readers costs one statement per interval instead of one per view. A flush takes the
// current counts and starts a fresh map: views arriving while it runs land in the new map, and a
// failed flush adds its counts back, so nothing is counted twice or lost while the process lives.

const HOUR_MS = 3_600_000;

export interface ViewBufferOptions {
  /** How often the timer started by start() flushes. */
  flushIntervalMs: number;
  log?: (message: string) => void;
  /** Writes one batch; the hourly rollup upsert unless a test swaps it. */
  write?: (rows: HourlyViews[]) => Promise<unknown>;
  /** Attempts of the last flush in stop() before it gives up. */
  finalFlushAttempts?: number;
}

export function hourOf(at: Date): number {
  return Math.floor(at.getTime() / HOUR_MS) * HOUR_MS;
}

export class ViewBuffer {
  /** hour (ms since epoch) → article id → views not yet written. */
  private counts = new Map<number, Map<number, number>>();
  private pending = 0;
  private written = 0;
  private flushing: Promise<unknown> = Promise.resolve();
  private timer: PeriodicTask | null = null;
  private stopped = false;
  private readonly write: (rows: HourlyViews[]) => Promise<unknown>;
  private readonly log: (message: string) => void;

  constructor(
    db: Db,
    private readonly options: ViewBufferOptions,
  ) {
    this.write = options.write ?? ((rows) => upsertHourlyViews(db, rows));
    this.log = options.log ?? console.error;
  }

  /** Counts one view of the article in the hour of `at`. Never touches the database. */
  record(articleId: number, at: Date = new Date()): void {
    if (this.stopped) throw new Error('the view buffer is stopped; no more views are accepted');
    this.add(this.counts, hourOf(at), articleId, 1);
    this.pending += 1;
  }

  /** Views counted but not yet written. */
  get pendingViews(): number {
    return this.pending;
  }

  /** Views written by this buffer since it was created. */
  get writtenViews(): number {
    return this.written;
  }

  /**
   * Writes everything counted so far in one statement (none when nothing is pending) and resolves
   * with the number of views written. Flushes never overlap: a second call waits for the first.
   * When the write fails, the counts go back into the buffer for the next flush and the error is
   * thrown.
   */
  flush(): Promise<number> {
    const run = this.flushing.then(() => this.flushOnce());
    this.flushing = run.catch(() => undefined);
    return run;
  }

  /** Flushes every `flushIntervalMs` until stop(). */
  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = startPeriodic('views', this.options.flushIntervalMs, () => this.flush(), this.log);
  }

  /**
   * Stops the timer and writes what is left, retrying a failing write a few times. Call it after
   * the HTTP server has stopped accepting requests and before the database closes.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.timer?.stop();
    this.timer = null;
    const attempts = this.options.finalFlushAttempts ?? 3;
    for (let attempt = 1; this.pending > 0; attempt += 1) {
      try {
        await this.flush();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (attempt >= attempts) {
          this.log(`[views] could not write ${this.pending} views on shutdown: ${reason}`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }

  private async flushOnce(): Promise<number> {
    if (this.pending === 0) return 0;
    const taken = this.counts;
    const takenViews = this.pending;
    this.counts = new Map();
    this.pending = 0;
    const rows: HourlyViews[] = [];
    for (const [hour, byArticle] of taken) {
      const hourDate = new Date(hour);
      for (const [articleId, views] of byArticle) rows.push({ articleId, hour: hourDate, views });
    }
    try {
      await this.write(rows);
    } catch (error) {
      for (const row of rows) this.add(this.counts, row.hour.getTime(), row.articleId, row.views);
      this.pending += takenViews;
      throw error;
    }
    this.written += takenViews;
    return takenViews;
  }

  private add(counts: Map<number, Map<number, number>>, hour: number, articleId: number, views: number): void {
    let byArticle = counts.get(hour);
    if (!byArticle) {
      byArticle = new Map();
      counts.set(hour, byArticle);
    }
    byArticle.set(articleId, (byArticle.get(articleId) ?? 0) + views);
  }
}
