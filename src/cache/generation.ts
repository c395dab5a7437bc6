import { randomBytes } from 'node:crypto';
import { ChangeFeed } from '../events/change-feed';

// Cached responses belong to a content generation: every cache key starts with it, and a content
// change starts a new one. Entries of older generations are never read again (and in memory they
// are dropped at once), so nothing needs to find and delete "everything that mentions article 42",
// and a request that read the database before a change cannot store its stale answer where later
// readers would find it: its key carries the generation it started under.

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

  /** The generation that follows change event `id`, the same in every process that read it. */
  adoptChange(id: number): void {
    this.set(`e${id}`, `change ${id}`);
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
  /** Resolves once the feed listens (and again after each reconnection). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export interface WatchOptions {
  log?: (message: string) => void;
  /** First delay before reconnecting; doubles up to 30 s. */
  retryDelayMs?: number;
}

/**
 * The generation design: every batch of committed changes moves `generation` on. Every process
 * reads the same log, so the generation after event N is the same everywhere ("e<N>"), and
 * processes sharing a Redis cache agree on it without talking to each other.
 */
export function followChangesWithGeneration(feed: ChangeFeed, generation: ContentGeneration): () => void {
  const stopChanges = feed.subscribe((events) => {
    // Comments are not content in this design: posting one leaves cached pages alone.
    const last = events.filter((event) => !event.type.startsWith('comment.')).at(-1);
    if (last) generation.adoptChange(last.id);
  });
  const stopResets = feed.onReset((reason) => generation.invalidate(reason));
  return () => {
    stopChanges();
    stopResets();
  };
}

/** A change feed of its own that drives `generation` (tests and the generation-design bench). */
export function watchContentChanges(connectionString: string, generation: ContentGeneration, options: WatchOptions = {}): ContentChangeWatcher {
  const feed = new ChangeFeed(connectionString, { log: options.log, retryDelayMs: options.retryDelayMs }).start();
  followChangesWithGeneration(feed, generation);
  return {
    get ready() {
      return feed.ready;
    },
    close: () => feed.close(),
  };
}
