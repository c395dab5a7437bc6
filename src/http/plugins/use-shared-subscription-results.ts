import { createSourceEventStream, execute, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';

export interface SharedSubscriptionResultsOptions {
  /** The identity of an event of the source stream (the change-log id), or null for one not to share. */
  eventIdOf: (payload: unknown) => number | null;
  /** Results kept per document (per event and variables); the oldest go first. */
  maxResults?: number;
}

/**
 * One execution per event for all the streams that ask the same thing. Two thousand readers of
 * Terbaru send the same document with the same variables: graphql-js would execute its selection
 * two thousand times for every publication, and on one process that serial work is most of the
 * delivery delay (bench/sse.ts). Here each stream still has its own source stream (its own resume
 * point, filter and limits, src/live), but the result for an event is executed once per document,
 * operation and variables, and shared. Public streams only: a request with an Authorization header
 * executes on its own, so nothing one person may see can reach another.
 */
export function useSharedSubscriptionResults(options: SharedSubscriptionResultsOptions): Plugin {
  const maxResults = options.maxResults ?? 256;
  const shared = new WeakMap<DocumentNode, Map<string, Promise<ExecutionResult>>>();

  function sharedResult(args: ExecutionArgs, variablesKey: string, eventId: number, payload: unknown): Promise<ExecutionResult> {
    let results = shared.get(args.document);
    if (!results) {
      results = new Map();
      shared.set(args.document, results);
    }
    const key = `${variablesKey}|${eventId}`;
    let result = results.get(key);
    if (!result) {
      result = Promise.resolve(execute({ ...args, rootValue: payload }));
      results.set(key, result);
      if (results.size > maxResults) results.delete(results.keys().next().value!);
    }
    return result;
  }

  return {
    onSubscribe({ args, setSubscribeFn }) {
      const request = (args.contextValue as { request?: Request }).request;
      if (request?.headers.has('authorization')) return;
      setSubscribeFn(async (subscribeArgs: ExecutionArgs) => {
        const source = await createSourceEventStream(subscribeArgs);
        if (!isAsyncIterable(source)) return source;
        const variablesKey = `${subscribeArgs.operationName ?? ''}|${JSON.stringify(subscribeArgs.variableValues ?? {})}`;
        return mapStream(source, (payload) => {
          const eventId = options.eventIdOf(payload);
          return eventId === null ? execute({ ...subscribeArgs, rootValue: payload }) : sharedResult(subscribeArgs, variablesKey, eventId, payload);
        });
      });
    },
  };
}

/** `map` over a stream; return() reaches the source at once (a leaving client is let go at once). */
function mapStream<T, R>(source: AsyncIterable<T>, map: (value: T) => R | Promise<R>): AsyncIterableIterator<R> {
  const iterator = source[Symbol.asyncIterator]();
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      const step = await iterator.next();
      if (step.done) return { done: true, value: undefined };
      return { done: false, value: await map(step.value) };
    },
    async return() {
      await iterator.return?.();
      return { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      await iterator.return?.();
      throw error;
    },
  };
}
