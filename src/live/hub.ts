import { GraphQLError } from 'graphql';
import type { Db } from '../db/database';
import type { ChangeFeed } from '../events/change-feed';
import { oldestChangeId, type ChangeEvent } from '../events/change-log';
import { ChangeStream, type ChangeStreamOptions } from './stream';

// Live subscriptions of this process (issue 13, "Live updates"). The hub is the one listener of the
// process's change feed (src/events/change-feed.ts: one LISTEN connection per process) and hands
// each batch of committed events to the open streams in memory; nothing opens a connection per
// subscriber. It also keeps the limits (streams per client address, streams in all) and the
// subscriber count, and ends every stream when it is closed (service stop) or its signal aborts.

export interface LiveLimits {
  /** Streams one client address may hold open at once. */
  maxStreamsPerClient: number;
  /** Streams this process holds open at once. */
  maxStreams: number;
}

export interface LiveHubOptions extends LiveLimits {
  db: Db;
  changes: ChangeFeed;
  /** Aborting it ends every stream and refuses new ones (service stop, draining). */
  signal?: AbortSignal;
  /** Events a slow stream may have waiting before it is ended (its client resumes from the log). */
  maxQueuedEvents?: number;
  log?: (message: string) => void;
}

/** What the hub knows about an open stream. */
export interface HubStream {
  offer(events: readonly ChangeEvent[]): void;
  end(reason: string): void;
}

/** How many payloads (one per event and kind) are kept for the streams that ask next. */
const SHARED_PAYLOADS = 512;

export class LiveHub {
  private readonly streams = new Set<HubStream>();
  private readonly perClient = new Map<string, number>();
  private readonly payloads = new Map<string, Promise<unknown>>();
  private seen: number;
  private closed = false;
  private readonly stopFeed: () => void;
  private readonly stopReset: () => void;
  readonly maxQueuedEvents: number;
  private readonly log: (message: string) => void;

  constructor(private readonly options: LiveHubOptions) {
    this.seen = options.changes.position ?? 0;
    this.maxQueuedEvents = options.maxQueuedEvents ?? 1_000;
    this.log = options.log ?? ((message) => console.error(message));
    this.stopFeed = options.changes.subscribe((events) => this.dispatch(events));
    // The log lost events we never read (an outage longer than its retention): nobody can resume
    // across that gap, so every stream ends and its client starts afresh.
    this.stopReset = options.changes.onReset((reason) => this.endAll(`the change feed was reset: ${reason}`));
    options.signal?.addEventListener('abort', () => void this.close(), { once: true });
    if (options.signal?.aborted) void this.close();
  }

  get db(): Db {
    return this.options.db;
  }

  /** Open streams (the live subscriber gauge). */
  get subscriberCount(): number {
    return this.streams.size;
  }

  /** The last event handed to the streams: a stream opened now gets, live, every event after it. */
  get position(): number {
    return this.seen;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * A stream of the events after `afterId` (or after now): replayed from the change log, then live.
   * Refused with TOO_MANY_STREAMS when the client or the process is at its limit.
   */
  open<P>(client: string, options: Omit<ChangeStreamOptions<P>, 'hub'>): ChangeStream<P> {
    if (this.closed) throw unavailable();
    const held = this.perClient.get(client) ?? 0;
    if (held >= this.options.maxStreamsPerClient) {
      throw tooManyStreams(
        `This client already has ${held} live streams open, the most one address may hold (SSE_MAX_STREAMS_PER_CLIENT = ${this.options.maxStreamsPerClient}). Close one before opening another.`,
      );
    }
    if (this.streams.size >= this.options.maxStreams) {
      throw tooManyStreams(
        `This server holds as many live streams as it may (${this.options.maxStreams}). Try again in a minute, or poll the cursor queries instead.`,
      );
    }
    this.perClient.set(client, held + 1);
    let released = false;
    const stream = new ChangeStream<P>({ ...options, hub: this }, () => {
      if (released) return;
      released = true;
      this.streams.delete(stream);
      const left = (this.perClient.get(client) ?? 1) - 1;
      if (left <= 0) this.perClient.delete(client);
      else this.perClient.set(client, left);
    });
    // Registered before anything is awaited: every event after `position` reaches it live.
    this.streams.add(stream);
    return stream;
  }

  /** Refuses a resume point older than what the log keeps (its events may be gone). */
  async checkResumable(afterId: number | null): Promise<void> {
    if (afterId === null) return;
    const oldest = await oldestChangeId(this.options.db);
    if (oldest !== null && afterId < oldest - 1) {
      throw new GraphQLError(
        'This cursor is older than the change log keeps (CHANGE_LOG_RETENTION_DAYS): the events after it cannot be replayed. Reload the page (or the list) and subscribe without Last-Event-ID.',
        { extensions: { code: 'CURSOR_EXPIRED' } },
      );
    }
  }

  /**
   * The payload of one event, loaded once for every stream that delivers it (2,000 readers of a
   * live blog cost one read per entry, not 2,000). Always from committed data.
   */
  shared<T>(key: string, load: () => Promise<T>): Promise<T> {
    let payload = this.payloads.get(key) as Promise<T> | undefined;
    if (!payload) {
      payload = load();
      this.payloads.set(key, payload);
      // A failed read is not kept: the next stream tries again.
      payload.catch(() => this.payloads.delete(key));
      if (this.payloads.size > SHARED_PAYLOADS) this.payloads.delete(this.payloads.keys().next().value!);
    }
    return payload;
  }

  /** Ends every stream and refuses new ones. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopFeed();
    this.stopReset();
    this.endAll('the server is stopping');
  }

  private endAll(reason: string): void {
    for (const stream of [...this.streams]) stream.end(reason);
  }

  private dispatch(events: readonly ChangeEvent[]): void {
    const last = events.at(-1);
    if (!last) return;
    this.seen = Math.max(this.seen, last.id);
    for (const stream of this.streams) {
      try {
        stream.offer(events);
      } catch (error) {
        this.log(`[live] a stream failed on events ${events[0]!.id}–${last.id}: ${(error as Error).message}`);
      }
    }
  }
}

function tooManyStreams(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'TOO_MANY_STREAMS', http: { status: 429 } } });
}

function unavailable(): GraphQLError {
  return new GraphQLError('Live updates are not available on this server right now (it is stopping). Reconnect in a moment.', {
    extensions: { code: 'UNAVAILABLE', http: { status: 503 } },
  });
}
