import pg from 'pg';
import { READ_CHANGES_SQL, toChangeEvent, type ChangeEvent, type ChangeEventRow } from './change-log';

// The change log, as it happens, in this process: one connection LISTENs on "kabar_changes" (the
// triggers notify at commit) and reads the events that follow the last one seen; every consumer in
// the process (cache freshness, CDN purges, live subscriptions) subscribes here rather than opening
// a connection of its own. A lost notification costs nothing but delay: the feed also reads on a
// timer, and after a reconnection it carries on from its position in the log, so nothing in
// between is missed. Only when that position has been pruned away (an outage longer than the
// retention) is continuity lost; subscribers then hear `reset` and start afresh.

export type ChangeListener = (events: ChangeEvent[]) => void | Promise<void>;
export type ResetListener = (reason: string) => void | Promise<void>;

export interface ChangeFeedOptions {
  log?: (message: string) => void;
  /** First delay before reconnecting; doubles up to 30 s. */
  retryDelayMs?: number;
  /** Reads the log on this interval too, in case a notification was missed (default 2 s). */
  pollIntervalMs?: number;
  /** Events read per statement. */
  batchSize?: number;
  applicationName?: string;
}

export const CHANGES_CHANNEL = 'kabar_changes';

export class ChangeFeed {
  private client: pg.Client | null = null;
  private closed = false;
  private delay: number;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private cursor: number | null = null;
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private readonly listeners = new Set<ChangeListener>();
  private readonly resetListeners = new Set<ResetListener>();
  private resolveReady!: () => void;
  private readyPromise: Promise<void>;
  private readonly log: (message: string) => void;
  private readonly batchSize: number;

  constructor(
    private readonly connectionString: string,
    private readonly options: ChangeFeedOptions = {},
  ) {
    this.log = options.log ?? ((message) => console.error(message));
    this.delay = options.retryDelayMs ?? 500;
    this.batchSize = options.batchSize ?? 500;
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve));
  }

  /** Resolves once the feed listens and knows its position (again after each reconnection). */
  get ready(): Promise<void> {
    return this.readyPromise;
  }

  /** The id of the last event handed to subscribers (null before the first connection). */
  get position(): number | null {
    return this.cursor;
  }

  start(): this {
    void this.connect();
    const interval = this.options.pollIntervalMs ?? 2_000;
    this.pollTimer = setInterval(() => void this.catchUp().catch(() => undefined), interval);
    this.pollTimer.unref();
    return this;
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onReset(listener: ResetListener): () => void {
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  /**
   * Reads and hands out whatever the log holds after the position. A writer in this process awaits
   * it after its commit, so its own next read already finds the caches updated. Calls during a
   * read are folded into one more read after it.
   */
  catchUp(): Promise<void> {
    if (this.reading) {
      this.readAgain = true;
      return this.reading;
    }
    this.reading = (async () => {
      try {
        do {
          this.readAgain = false;
          await this.readAll();
        } while (this.readAgain && !this.closed);
      } finally {
        this.reading = null;
      }
    })();
    return this.reading;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.pollTimer) clearInterval(this.pollTimer);
    await this.reading?.catch(() => undefined);
    const current = this.client;
    this.client = null;
    if (current) {
      current.removeAllListeners('end');
      await current.end().catch(() => undefined);
    }
  }

  private async readAll(): Promise<void> {
    const client = this.client;
    if (!client || this.cursor === null) return;
    for (;;) {
      const result: pg.QueryResult<ChangeEventRow> = await client.query<ChangeEventRow>(READ_CHANGES_SQL, [this.cursor, this.batchSize]);
      const events: ChangeEvent[] = result.rows.map(toChangeEvent);
      const last = events.at(-1);
      if (!last) return;
      this.cursor = last.id;
      await this.dispatch(events);
      if (events.length < this.batchSize) return;
    }
  }

  private async dispatch(events: ChangeEvent[]): Promise<void> {
    await Promise.all(
      [...this.listeners].map(async (listener) => {
        try {
          await listener(events);
        } catch (error) {
          this.log(`[changes] a subscriber failed on events ${events[0]?.id}–${events.at(-1)?.id}: ${(error as Error).message}`);
        }
      }),
    );
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const next = new pg.Client({ connectionString: this.connectionString, application_name: this.options.applicationName ?? 'kabar-change-feed' });
    next.on('notification', (message) => {
      if (message.channel === CHANGES_CHANNEL) void this.catchUp().catch(() => undefined);
    });
    next.on('error', (error) => {
      this.log(`[changes] the change feed lost its connection: ${error.message}`);
      this.scheduleReconnect(next);
    });
    next.on('end', () => this.scheduleReconnect(next));
    try {
      await next.connect();
      await next.query(`listen ${CHANGES_CHANNEL}`);
      const { rows } = await next.query<{ latest: string | null; oldest: string | null }>(
        'select max(id) as latest, min(id) as oldest from change_events',
      );
      const latest = Number(rows[0]?.latest ?? 0);
      const oldest = rows[0]?.oldest == null ? null : Number(rows[0].oldest);
      if (this.closed) {
        await next.end().catch(() => undefined);
        return;
      }
      if (this.cursor === null) {
        this.cursor = latest;
      } else if (oldest !== null && oldest > this.cursor + 1) {
        // The events after our position were pruned while we were away: what changed is unknown.
        const lost = this.cursor;
        this.cursor = latest;
        await this.reset(`events after ${lost} were pruned while the change feed was disconnected`);
      }
    } catch (error) {
      this.log(`[changes] cannot listen for changes: ${(error as Error).message}`);
      this.scheduleReconnect(next);
      return;
    }
    this.client = next;
    this.delay = this.options.retryDelayMs ?? 500;
    // Whatever committed while nobody listened is in the log after our position.
    await this.catchUp().catch((error: Error) => this.log(`[changes] ${error.message}`));
    this.resolveReady();
  }

  private async reset(reason: string): Promise<void> {
    for (const listener of this.resetListeners) {
      try {
        await listener(reason);
      } catch (error) {
        this.log(`[changes] a reset listener failed: ${(error as Error).message}`);
      }
    }
  }

  private scheduleReconnect(failed: pg.Client): void {
    if (this.closed || this.reconnectTimer || (this.client !== null && this.client !== failed)) return;
    this.client = null;
    failed.removeAllListeners('end');
    failed.end().catch(() => undefined);
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve));
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, this.delay);
    this.reconnectTimer.unref();
    this.delay = Math.min(this.delay * 2, 30_000);
  }
}
