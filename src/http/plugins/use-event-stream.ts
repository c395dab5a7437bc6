import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { ExecutionResult } from 'graphql';
import { encodeChangeCursor } from '../../events/change-log';
import { lastDeliveredEventId } from '../../live/stream';

export interface EventStreamOptions {
  /** A comment line (":") is sent this often, so proxies and browsers keep an idle stream open. */
  heartbeatMs: number;
}

/**
 * Subscriptions as server-sent events: yoga's own SSE answer, plus what the live contract needs
 * (operations/live/README.md). Each event carries `id: <cursor>` (the change-log cursor of what it
 * announces, so a browser's EventSource sends it back as Last-Event-ID when it reconnects); a
 * heartbeat comment goes out every `heartbeatMs`; `X-Accel-Buffering: no` keeps nginx from holding
 * events back. When the client leaves, the subscription's iterator is returned at once (the live
 * hub's count drops); when the iterator ends (the server stops), the stream says `complete` and
 * closes. Results that are not streams (an error at subscribe time) are left to yoga.
 */
export function useEventStream(options: EventStreamOptions): Plugin {
  return {
    onResultProcess({ request, result, setResultProcessor }) {
      if (!isAsyncIterable(result) || !/text\/event-stream/i.test(request.headers.get('accept') ?? '')) return;
      setResultProcessor(
        (stream, fetchAPI) => eventStream(stream as AsyncIterable<ExecutionResult>, request, fetchAPI, options.heartbeatMs),
        'text/event-stream',
      );
    },
  };
}

function eventStream(
  result: AsyncIterable<ExecutionResult>,
  request: Request,
  fetchAPI: { ReadableStream: typeof ReadableStream; Response: typeof Response; TextEncoder: typeof TextEncoder },
  heartbeatMs: number,
): Response {
  const encoder = new fetchAPI.TextEncoder();
  const iterator = result[Symbol.asyncIterator]();
  let heartbeat: NodeJS.Timeout | undefined;
  let lastId: number | null = null;
  const stop = () => clearInterval(heartbeat);
  const body = new fetchAPI.ReadableStream<Uint8Array>({
    start(controller) {
      // Some browsers show nothing until the first bytes arrive.
      controller.enqueue(encoder.encode(':\n\n'));
      heartbeat = setInterval(() => {
        // null: errored or closed; 0: the client is not reading (no point in queueing more).
        if (controller.desiredSize === null) return stop();
        if (controller.desiredSize > 0) controller.enqueue(encoder.encode(':\n\n'));
      }, heartbeatMs);
      heartbeat.unref();
    },
    async pull(controller) {
      try {
        const { done, value } = await iterator.next();
        if (value != null) {
          const id = lastDeliveredEventId(request);
          let text = '';
          if (id !== null && id !== lastId) {
            text += `id: ${encodeChangeCursor(id)}\n`;
            lastId = id;
          }
          text += `event: next\ndata: ${serialised(value)}\n\n`;
          controller.enqueue(encoder.encode(text));
        }
        if (done) {
          stop();
          controller.enqueue(encoder.encode('event: complete\ndata:\n\n'));
          controller.close();
        }
      } catch (error) {
        stop();
        controller.error(error);
      }
    },
    async cancel() {
      stop();
      await iterator.return?.();
    },
  });
  return new fetchAPI.Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'content-encoding': 'none',
      'x-accel-buffering': 'no',
    },
  });
}

/** A result shared by many streams (src/http/plugins/use-shared-subscription-results.ts) is serialised once. */
const serialisedResults = new WeakMap<object, string>();

function serialised(result: ExecutionResult): string {
  let text = serialisedResults.get(result);
  if (text === undefined) {
    text = JSON.stringify(result, withoutInternals);
    serialisedResults.set(result, text);
  }
  return text;
}

/** Errors' `extensions.http` (status and headers for the HTTP answer) are not for clients to read. */
function withoutInternals(key: string, value: unknown): unknown {
  if (key === 'extensions' && value !== null && typeof value === 'object' && 'http' in value) {
    const { http: _http, ...rest } = value as Record<string, unknown>;
    return rest;
  }
  return value;
}
