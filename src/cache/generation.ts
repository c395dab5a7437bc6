import { randomBytes } from 'node:crypto';
import pg from 'pg';

// Cached responses belong to a content generation: every cache key starts with it, and a content
// change starts a new one. Entries of older generations are never read again (and in memory they
// are dropped at once), so nothing needs to find and delete "everything that mentions article 42",
// and a request that read the database before a change cannot store its stale answer where later
// readers would find it: its key carries the generation it started under.

/** The NOTIFY channel of committed content changes (db/migrations/…_content_notify.ts, src/content/changes.ts). */
export const CONTENT_CHANGED_CHANNEL = 'kabar_content_changed';

type Listener = (generation: string, reason: string) => void;

export class ContentGeneration {
  private value = `b${randomBytes(6).toString('base64url')}`;
  private readonly listeners = new Set<Listener>();

  get current(): string {
    return this.value;
  }

  /**
   * Starts a new generation in this process at once. Writers in this process call it after their
   * transaction has committed, so their next read can never come from the cache; other processes
   * learn of the change from the NOTIFY that the commit sent.
   */
  invalidate(reason = 'invalidated'): void {
    this.set(`l${randomBytes(6).toString('base64url')}`, reason);
  }

  /** The generation that follows a committed transaction, the same in every process that heard of it. */
  adoptTransaction(xid: string): void {
    this.set(`x${xid}`, `transaction ${xid}`);
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(value: string, reason: string): void {
    if (value === this.value) return;
    this.value = value;
    for (const listener of this.listeners) listener(value, reason);
  }
}

export interface ContentChangeWatcher {
  /** Resolves once LISTEN is active (and again after each reconnection). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export interface WatchOptions {
  log?: (message: string) => void;
  /** First delay before reconnecting; doubles up to 30 s. */
  retryDelayMs?: number;
}

/**
 * LISTENs for committed content changes on a connection of its own and moves `generation` on for
 * each. When the connection drops, notifications may be lost in between, so a successful
 * reconnection starts a new generation. Not the drop itself: a dropped listener usually means the
 * database is away, when nothing can change and the answers already cached are the best there is
 * (stale-if-error); they stay servable until their TTL.
 */
export function watchContentChanges(connectionString: string, generation: ContentGeneration, options: WatchOptions = {}): ContentChangeWatcher {
  const log = options.log ?? ((message: string) => console.error(message));
  const firstDelay = options.retryDelayMs ?? 500;
  let client: pg.Client | null = null;
  let closed = false;
  let delay = firstDelay;
  let timer: NodeJS.Timeout | null = null;
  let reconnecting = false;
  let resolveReady!: () => void;
  let ready = new Promise<void>((resolve) => (resolveReady = resolve));

  const onNotification = (message: pg.Notification) => {
    if (message.channel !== CONTENT_CHANGED_CHANNEL) return;
    let xid: unknown;
    try {
      xid = (JSON.parse(message.payload ?? '{}') as { xid?: unknown }).xid;
    } catch {
      xid = undefined;
    }
    // Writers may also notify by hand (src/content/changes.ts); their transaction's trigger
    // notification names it, but a payload without one still means "something changed".
    if (typeof xid === 'string' && /^\d+$/.test(xid)) generation.adoptTransaction(xid);
    else generation.invalidate('content change notified without a transaction id');
  };

  const connect = async (): Promise<void> => {
    if (closed) return;
    const next = new pg.Client({ connectionString, application_name: 'kabar-cache-listener' });
    next.on('notification', onNotification);
    next.on('error', (error) => {
      log(`[cache] content-change listener lost its connection: ${error.message}`);
      scheduleReconnect(next);
    });
    next.on('end', () => scheduleReconnect(next));
    try {
      await next.connect();
      await next.query(`listen ${CONTENT_CHANGED_CHANNEL}`);
    } catch (error) {
      log(`[cache] cannot listen for content changes: ${(error as Error).message}`);
      scheduleReconnect(next);
      return;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    delay = firstDelay;
    if (reconnecting) generation.invalidate('content-change listener reconnected');
    reconnecting = false;
    resolveReady();
  };

  const scheduleReconnect = (failed: pg.Client) => {
    if (closed || timer || (client !== null && client !== failed)) return;
    client = null;
    failed.removeAllListeners('end');
    failed.end().catch(() => undefined);
    // Whatever was notified while nobody listened is unknown: the reconnection counts as a change.
    reconnecting = true;
    ready = new Promise<void>((resolve) => (resolveReady = resolve));
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, delay);
    timer.unref();
    delay = Math.min(delay * 2, 30_000);
  };

  void connect();
  return {
    get ready() {
      return ready;
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const current = client;
      client = null;
      if (current) {
        current.removeAllListeners('end');
        await current.end().catch(() => undefined);
      }
    },
  };
}
