import { useEffect, useRef } from 'react';
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { KABAR_URL } from './config';

// GraphQL subscriptions over server-sent events, read with fetch (POST, Accept: text/event-stream).
// When the stream drops, it reconnects after a pause and resumes after the last event it handled:
// the operation is sent again with that event's cursor as the "after" argument, and Kabar replays
// what was missed from its change log (README "Live updates"). An EventSource would send the
// Last-Event-ID header instead; fetch keeps this to a plain POST that needs no extra CORS headers.

type Handler<T> = (data: T) => void;

export function subscribe<T, V extends Record<string, unknown>>(
  document: TypedDocumentNode<T, V>,
  variables: V,
  onData: Handler<T>,
): () => void {
  // The "after" argument is offered by both live subscriptions; the shared documents do not name it.
  const query = print(document).replace(/(latestArticles|liveBlogUpdates)\(([^)]*)\)/, (_m, field: string, args: string) => `${field}(${args}, after: $after)`)
    .replace(/^subscription (\w+)\(/, 'subscription $1($after: String, ');
  let after: string | null = null;
  let stopped = false;
  let controller: AbortController | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const connect = async () => {
    controller = new AbortController();
    try {
      const response = await fetch(`${KABAR_URL}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query, variables: { ...variables, after } }),
        signal: controller.signal,
      });
      if (!response.ok || !response.body) throw new Error(`stream refused: ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const id = /^id: ?(.*)$/m.exec(block)?.[1];
          const data = /^data: ?(.+)$/m.exec(block)?.[1];
          if (!/^event: next$/m.test(block) || !data) continue;
          const result = JSON.parse(data) as { data?: T; errors?: unknown[] };
          if (id) after = id;
          if (result.data) onData(result.data);
        }
      }
    } catch {
      // dropped or refused: try again below
    }
    if (!stopped) retry = setTimeout(() => void connect(), 3_000);
  };
  void connect();
  return () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    controller?.abort();
  };
}

/** Subscribes while mounted (and while `enabled`); the handler may change between renders. */
export function useSubscription<T, V extends Record<string, unknown>>(
  document: TypedDocumentNode<T, V>,
  variables: V,
  onData: Handler<T>,
  enabled = true,
): void {
  const handler = useRef(onData);
  handler.current = onData;
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (!enabled) return;
    return subscribe(document, JSON.parse(key) as V, (data) => handler.current(data));
  }, [document, key, enabled]);
}
