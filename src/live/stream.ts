import { readChangesAfter, type ChangeEvent, type ChangeFilter } from '../events/change-log';
import type { HubStream, LiveHub } from './hub';

// One subscriber's events: first those it missed, read from the change log (never from memory),
// then the live ones the hub hands over. The hub registers the stream before anything is awaited,
// so every event after the hub's position at that moment arrives live; the replay reads the log
// after the client's resume point and may overlap the live ones; each event goes out once, in id
// order, because anything at or below the last id handled is dropped.
//
// An async iterator of its own rather than an async generator: a generator waiting for the next
// event cannot be stopped until one arrives, so a client that leaves an idle stream would stay
// counted. Here return() ends the stream at once.

export interface Delivery<P> {
  /** The change event's id: the SSE event id and the payload's cursor. */
  eventId: number;
  payload: P;
}

export interface ChangeStreamOptions<P> {
  hub: LiveHub;
  /** Replay the log after this event id first (a resume); null: live events only. */
  afterId: number | null;
  /** Which live events this stream wants. */
  matches: (event: ChangeEvent) => boolean;
  /** The same choice as a log query, for the replay. */
  replayFilter: ChangeFilter;
  /** What to send for an event, read from committed data; null: nothing (e.g. it is gone since). */
  toPayload: (event: ChangeEvent) => Promise<P | null>;
  /** The request the stream answers: ends with it, and its SSE answer writes the event ids. */
  request?: Request;
}

const REPLAY_BATCH = 200;

/** The id of the event whose payload a request's stream handed out last (for the SSE `id:` line). */
const delivered = new WeakMap<Request, { eventId: number | null }>();

export function lastDeliveredEventId(request: Request): number | null {
  return delivered.get(request)?.eventId ?? null;
}

export class ChangeStream<P> implements AsyncIterableIterator<Delivery<P>>, HubStream {
  private readonly live: ChangeEvent[] = [];
  private replay: ChangeEvent[] = [];
  private replaying: boolean;
  private lastId: number;
  private done = false;
  private wake: (() => void) | null = null;
  private readonly state = { eventId: null as number | null };
  private readonly onAbort = () => this.finish();

  constructor(
    private readonly options: ChangeStreamOptions<P>,
    private readonly release: () => void,
  ) {
    const { afterId, hub, request } = options;
    this.replaying = afterId !== null && afterId < hub.position;
    this.lastId = afterId ?? hub.position;
    if (request) {
      delivered.set(request, this.state);
      request.signal?.addEventListener('abort', this.onAbort, { once: true });
      if (request.signal?.aborted) queueMicrotask(this.onAbort);
    }
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  offer(events: readonly ChangeEvent[]): void {
    if (this.done) return;
    for (const event of events) if (this.options.matches(event)) this.live.push(event);
    if (this.live.length > this.options.hub.maxQueuedEvents) {
      // A client that does not read: end it rather than hold events for ever; it resumes from the log.
      this.end('too many events waiting for a client that does not read them');
      return;
    }
    this.notify();
  }

  end(_reason: string): void {
    this.finish();
  }

  async next(): Promise<IteratorResult<Delivery<P>>> {
    for (;;) {
      if (this.done) return { done: true, value: undefined };
      const event = await this.nextEvent();
      if (!event) continue;
      if (event.id <= this.lastId) continue;
      this.lastId = event.id;
      const payload = await this.options.toPayload(event);
      if (this.done) return { done: true, value: undefined };
      if (payload === null) continue;
      this.state.eventId = event.id;
      return { done: false, value: { eventId: event.id, payload } };
    }
  }

  async return(): Promise<IteratorResult<Delivery<P>>> {
    this.finish();
    return { done: true, value: undefined };
  }

  async throw(error?: unknown): Promise<IteratorResult<Delivery<P>>> {
    this.finish();
    throw error;
  }

  /** The next event to consider: replayed ones first, then live ones; undefined after a wake-up. */
  private async nextEvent(): Promise<ChangeEvent | undefined> {
    if (this.replay.length > 0) return this.replay.shift();
    if (this.replaying) {
      const batch = await readChangesAfter(this.options.hub.db, this.lastId, REPLAY_BATCH, this.options.replayFilter);
      if (batch.length < REPLAY_BATCH) this.replaying = false;
      // The log query narrows by type and article or section; `matches` is the exact rule.
      this.replay = batch.filter(this.options.matches);
      const last = batch.at(-1);
      if (last && this.replay.length === 0) this.lastId = Math.max(this.lastId, last.id);
      return this.replay.shift();
    }
    if (this.live.length > 0) return this.live.shift();
    await new Promise<void>((resolve) => (this.wake = resolve));
    return undefined;
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.live.length = 0;
    this.replay = [];
    this.options.request?.signal?.removeEventListener('abort', this.onAbort);
    this.release();
    this.notify();
  }
}
