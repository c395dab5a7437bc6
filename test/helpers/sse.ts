import type { TestClient } from './client';

// Server-sent events read from the app in process (app.fetch, no port): an event stream opened
// like a browser's EventSource or a fetch-based client would, parsed into events and comments.

export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

export interface SseStream {
  response: Response;
  /** The next event (comments skipped); rejects when the stream ends first. */
  next(): Promise<SseEvent>;
  /** The next `count` events' parsed data of the "next" kind. */
  take(count: number): Promise<{ id: string | null; data: any }[]>;
  /** Comment lines (heartbeats) seen so far. */
  readonly comments: number;
  /** Waits until at least `count` comment lines have arrived. */
  commentsAtLeast(count: number): Promise<void>;
  /** Everything has been read and the server closed the stream. */
  readonly ended: boolean;
  abort(): void;
  cancel(): Promise<void>;
}

export async function openEventStream(
  client: TestClient,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<SseStream> {
  const controller = new AbortController();
  const response = await client.app.fetch(
    new Request('http://kabar.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
      body: JSON.stringify({ query, variables }),
      signal: controller.signal,
    }),
  );
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let comments = 0;
  let ended = false;
  const events: SseEvent[] = [];

  async function readMore(): Promise<void> {
    const { done, value } = await reader.read();
    if (done) {
      ended = true;
      return;
    }
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event: SseEvent = { id: null, event: 'message', data: '' };
      let isEvent = false;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) {
          comments += 1;
          continue;
        }
        const field = /^(id|event|data):\s?(.*)$/.exec(line);
        if (!field) continue;
        isEvent = true;
        if (field[1] === 'id') event.id = field[2]!;
        else if (field[1] === 'event') event.event = field[2]!;
        else event.data += field[2]!;
      }
      if (isEvent) events.push(event);
    }
  }

  const stream: SseStream = {
    response,
    async next() {
      while (events.length === 0) {
        if (ended) throw new Error('the event stream ended');
        await readMore();
      }
      return events.shift()!;
    },
    async take(count) {
      const taken: { id: string | null; data: any }[] = [];
      while (taken.length < count) {
        const event = await stream.next();
        if (event.event !== 'next') throw new Error(`expected a "next" event, got "${event.event}": ${event.data}`);
        taken.push({ id: event.id, data: JSON.parse(event.data) });
      }
      return taken;
    },
    get comments() {
      return comments;
    },
    async commentsAtLeast(count) {
      while (comments < count) {
        if (ended) throw new Error('the event stream ended');
        await readMore();
      }
    },
    get ended() {
      return ended;
    },
    abort: () => controller.abort(),
    cancel: () => reader.cancel(),
  };
  return stream;
}

/** Waits for a condition that becomes true through background work (no timing is asserted). */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
